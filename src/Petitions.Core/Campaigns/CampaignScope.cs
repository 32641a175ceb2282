using Petitions.Core.Regions;
using Petitions.Core.Reports;

namespace Petitions.Core.Campaigns;

/// <summary>
/// Which reports a campaign's scope holds, as a rule: the launch's SQL condition says the same thing and a test pins
/// the two together over every combination of earlier outcomes, regions, kinds and periods.
/// </summary>
public static class CampaignScope
{
    /// <summary>
    /// The earlier outcomes a finished report counts as: not accepted, withdrawn, or closed (and, when closed as
    /// unfounded or unverifiable, that too). A report still being worked, or merged into another, counts as none.
    /// </summary>
    public static EarlierOutcome OutcomesOf(ReportStatus status, Finding? finding) => status switch
    {
        ReportStatus.NotAccepted => EarlierOutcome.NotAccepted,
        ReportStatus.Withdrawn => EarlierOutcome.Withdrawn,
        ReportStatus.Closed => EarlierOutcome.Closed | finding switch
        {
            Finding.Unfounded => EarlierOutcome.Unfounded,
            Finding.CannotBeVerified => EarlierOutcome.CannotBeVerified,
            _ => EarlierOutcome.None,
        },
        _ => EarlierOutcome.None,
    };

    /// <summary>True when the campaign re-examines this report; <paramref name="dayStartUtc"/> turns a China-time day into its start.</summary>
    public static bool Includes(Campaign c, Report r, Func<DateOnly, DateTimeOffset> dayStartUtc) =>
        r.MergedIntoId is null
        && new Reach([c.RegionCode]).Covers(r.RegionCode)
        && (c.Kinds.Count == 0 || c.Kinds.Contains(r.KindCode))
        && (c.Sources.Count == 0 || c.Sources.Contains(r.Source.ToString()))
        && (c.ReceivedFrom is not { } from || r.SubmittedAt >= dayStartUtc(from))
        && (c.ReceivedTo is not { } to || r.SubmittedAt < dayStartUtc(to.AddDays(1)))
        && (OutcomesOf(r.Status, r.Finding) & c.Outcomes) != EarlierOutcome.None;
}

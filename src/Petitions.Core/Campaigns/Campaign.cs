using Petitions.Core.Reports;

namespace Petitions.Core.Campaigns;

/// <summary>Which earlier conclusions a campaign re-examines (docs/domain.md: most of the 801 had been closed before).</summary>
[Flags]
public enum EarlierOutcome
{
    None = 0,
    NotAccepted = 1,
    Unfounded = 2,
    CannotBeVerified = 4,
    /// <summary>Closed with any finding.</summary>
    Closed = 8,
    Withdrawn = 16,
    All = NotAccepted | Unfounded | CannotBeVerified | Closed | Withdrawn,
}

public enum CampaignStatus
{
    Draft,
    /// <summary>The launch job is selecting and assigning; safe to run again.</summary>
    Launching,
    Active,
}

/// <summary>
/// A re-examination campaign ("起底" after Hengnan): a scope of earlier, finished reports, frozen into items at launch,
/// each reviewed by someone independent of the original handling.
/// </summary>
public sealed class Campaign
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string LegalBasis { get; set; }
    public required string LeadBody { get; set; }
    public DateOnly Deadline { get; set; }
    /// <summary>The region subtree in scope (a province, city or county code).</summary>
    public required string RegionCode { get; set; }
    /// <summary>Kinds in scope; empty for every kind.</summary>
    public List<string> Kinds { get; set; } = [];
    /// <summary>Received on or after this day (China time); null for no bound.</summary>
    public DateOnly? ReceivedFrom { get; set; }
    public DateOnly? ReceivedTo { get; set; }
    public EarlierOutcome Outcomes { get; set; } = EarlierOutcome.All;
    /// <summary>Where the reports came from (<see cref="Reports.ReportSource"/> names); empty for every source.</summary>
    public List<string> Sources { get; set; } = [];
    public CampaignStatus Status { get; set; } = CampaignStatus.Draft;
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LaunchedAt { get; set; }
    public List<CampaignReviewer> Reviewers { get; set; } = [];

    /// <summary>
    /// The lesson for triage: while a county's original conclusions are overturned at this percentage or more (of at
    /// least <see cref="LessonMinimumReviewed"/> reviewed), new reports about the county go to its city. Null: off.
    /// </summary>
    public int? LessonThresholdPercent { get; set; }
    public int LessonMinimumReviewed { get; set; } = 10;

    /// <summary>The counties whose overturn rate crosses the lesson's threshold, from (county, reviewed, overturned) counts.</summary>
    public IEnumerable<(string County, decimal Rate)> CountiesToEscalate(IEnumerable<(string County, int Reviewed, int Overturned)> counts) =>
        LessonThresholdPercent is not { } threshold ? [] :
        counts.Where(c => c.Reviewed >= Math.Max(1, LessonMinimumReviewed) && c.Overturned * 100m >= threshold * (decimal)c.Reviewed)
            .Select(c => (c.County, Math.Round(c.Overturned * 100m / c.Reviewed, 1)));

}

/// <summary>A person the campaign may give items to.</summary>
public sealed class CampaignReviewer
{
    public Guid CampaignId { get; set; }
    public Guid UserId { get; set; }
}

public enum ReviewVerdict
{
    Upheld,
    Overturned,
}

/// <summary>One earlier report in a campaign, frozen at launch with what it had concluded and who concluded it.</summary>
public sealed class CampaignItem
{
    public long Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid ReportId { get; set; }
    public required string RegionCode { get; set; }
    public ReportStatus OriginalStatus { get; set; }
    public Finding? OriginalFinding { get; set; }
    /// <summary>Whoever was assigned when it was finished (null when nobody was).</summary>
    public Guid? OriginalHandlerId { get; set; }
    /// <summary>That person's unit, the "concluding unit".</summary>
    public string? OriginalUnit { get; set; }
    public Guid? ReviewerId { get; set; }
    public ReviewVerdict? Verdict { get; set; }
    public Finding? NewFinding { get; set; }
    public string? Reasons { get; set; }
    public decimal MoneyToStopYuan { get; set; }
    public decimal MoneyToRecoverYuan { get; set; }
    /// <summary>People responsible for a wrong original conclusion (names and posts, as the reviewer writes them).</summary>
    public string? Responsible { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    public bool Overturned => Verdict == ReviewVerdict.Overturned;
}

/// <summary>
/// A problem a re-examination found, and what must change: who owns it, by when, the evidence it was done, and the
/// money stopped and recovered as it happens.
/// </summary>
public sealed class Rectification
{
    public long Id { get; set; }
    public long ItemId { get; set; }
    public Guid CampaignId { get; set; }
    public required string Problem { get; set; }
    public required string Owner { get; set; }
    public DateOnly DueOn { get; set; }
    public string? Evidence { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public decimal StoppedYuan { get; set; }
    public decimal RecoveredYuan { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid CreatedById { get; set; }
}

/// <summary>A document the reviewer attached to a re-examination record (kept apart from the reporter's own files).</summary>
public sealed class CampaignEvidence
{
    public Guid Id { get; set; }
    public long ItemId { get; set; }
    public required string DisplayName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public required string StorageKey { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public Guid AddedById { get; set; }
}

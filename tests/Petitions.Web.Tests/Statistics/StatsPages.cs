using System.Globalization;
using AngleSharp.Html.Dom;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Testing;
using Petitions.Web.Jobs;

namespace Petitions.Web.Tests.Statistics;

/// <summary>Reading statistics pages as a user would, and putting reports with a known history in place.</summary>
public static class StatsPages
{
    /// <summary>A headline figure's plain number ("" when withheld or not available).</summary>
    public static string Figure(IHtmlDocument page, string key) =>
        page.QuerySelector($".stats-figures tr[data-key='{key}'] td")?.GetAttribute("data-value")
        ?? throw new InvalidOperationException($"figure {key} not on the page");

    /// <summary>A breakdown's rows: key → plain number (null when withheld).</summary>
    public static Dictionary<string, long?> Breakdown(IHtmlDocument page, string id) =>
        page.QuerySelectorAll($"#breakdown-{id} tbody tr").ToDictionary(
            tr => tr.GetAttribute("data-key")!,
            tr => tr.QuerySelector("td")!.GetAttribute("data-value") is { Length: > 0 } v ? long.Parse(v, CultureInfo.InvariantCulture) : (long?)null);

    /// <summary>Every figure and row on the page, in order: its label and the text shown.</summary>
    public static List<(string Label, string Raw, string Shown)> All(IHtmlDocument page) =>
        page.QuerySelectorAll(".stats-figures tbody tr, .stats-table tbody tr")
            .Select(tr => (tr.QuerySelector("th")!.TextContent.Trim(), tr.QuerySelector("td")!.GetAttribute("data-value") ?? "", tr.QuerySelector("td")!.TextContent.Trim()))
            .ToList();

    /// <summary>The counts on the page (headline counts and every breakdown row), as (label, plain number or "", text shown).</summary>
    public static List<(string Label, string Raw, string Shown)> Counts(IHtmlDocument page) =>
        page.QuerySelectorAll(".stats-figures tbody tr:has(td[data-format='Count']), .stats-table tbody tr")
            .Select(tr => (tr.QuerySelector("th")!.TextContent.Trim(), tr.QuerySelector("td")!.GetAttribute("data-value") ?? "", tr.QuerySelector("td")!.TextContent.Trim()))
            .ToList();

    public static async Task RefreshAsync(PetitionsFactory factory) => await factory.RunRecurringAsync(StatsRefreshJob.Id);

    /// <summary>A report about <paramref name="region"/> received at 10:00 Beijing time on the given day.</summary>
    public static Report Received(PetitionsFactory factory, string region, string kind, DateOnly day, bool anonymous = true)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
        var report = new Report
        {
            Id = Guid.CreateVersion7(at),
            TrackingNumber = Core.Tracking.TrackingCodes.NewTrackingNumber(),
            AccessKeyHash = new byte[32],
            IsAnonymous = anonymous,
            KindCode = kind,
            RegionCode = region,
            Description = "统计测试用举报。",
            TriagedAt = at,
            QueueRegionCode = region,
        };
        report.MarkSubmitted(at, factory.Service<TimeLimitPolicy>());
        return report;
    }

    public static async Task StoreAsync(PetitionsFactory factory, IEnumerable<Report> reports) =>
        await factory.QueryAsync(async db =>
        {
            db.Reports.AddRange(reports);
            return await db.SaveChangesAsync();
        });
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Campaigns;
using Petitions.Core.Regions;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Oversight.Campaigns;

/// <summary>
/// A campaign's dashboard: progress, overturn rate by county, by concluding unit and by reviewer, and the money the
/// reviews found to stop and recover. The counts are read from the campaign's tallies, kept by triggers on its items.
/// </summary>
public sealed class CampaignModel(AppDbContext db, TimeProvider clock, Core.Policy.TimeLimitPolicy policy, Core.Regions.RegionCatalogue regions,
    Services.Display display, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, Services.AuditLog audit, UseCases.Reexamination.Campaigns campaigns, Services.Jurisdictions jurisdictions) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    /// <summary>The region the figures are for: the campaign's own, or one within it (drill-down as on /Oversight).</summary>
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    public string Shown { get; private set; } = "";
    public IReadOnlyList<Region> Trail { get; private set; } = [];
    /// <summary>The shown region's children (and "self" for items at its own level), for the drill-down.</summary>
    public IReadOnlyList<Group> ByChild { get; private set; } = [];
    [BindProperty] public string? LessonThreshold { get; set; }
    [BindProperty] public string? LessonMinimum { get; set; }
    public string? Notice { get; private set; }

    /// <summary>Sets or clears the campaign's lesson for triage; a blank threshold switches it off.</summary>
    public async Task<IActionResult> OnPostLessonAsync(Guid id, CancellationToken ct)
    {
        var (threshold, minimum) = (LessonThreshold, LessonMinimum);
        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }
        (LessonThreshold, LessonMinimum) = (threshold, minimum);
        int? Parse(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (int.TryParse(text.Trim().TrimEnd('%', '％'), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            ModelState.AddModelError(field, l["Campaign.Lesson.NotANumber"]);
            return null;
        }
        var t = Parse(threshold, nameof(LessonThreshold));
        var m = Parse(minimum, nameof(LessonMinimum));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var outcome = await campaigns.SetLessonAsync(id, Services.StaffAccess.UserId(User), t, m, ct);
        return this.Answer(outcome, l, () =>
        {
            TempData["Notice"] = outcome.MessageKey;
            return RedirectToPage(new { id });
        });
    }
    public sealed record Group(string Key, int Items, int Reviewed, int Overturned)
    {
        public double? Rate => Reviewed == 0 ? null : (double)Overturned / Reviewed;
    }
    public Group Totals { get; private set; } = new("", 0, 0, 0);
    public int Overdue { get; private set; }
    public int Unassigned { get; private set; }
    public decimal MoneyToStop { get; private set; }
    public decimal MoneyToRecover { get; private set; }
    public IReadOnlyList<Group> ByCounty { get; private set; } = [];
    public IReadOnlyList<Group> ByUnit { get; private set; } = [];
    public IReadOnlyList<Group> ByReviewer { get; private set; } = [];
    /// <summary>Overturn rate by the person who handled the original report (key: their id, or "" when nobody was assigned).</summary>
    public IReadOnlyList<Group> ByHandler { get; private set; } = [];
    /// <summary>Overturned reports that were then referred to the discipline commission or the prosecutors.</summary>
    public int Referred { get; private set; }
    /// <summary>Rewards granted (then claimed or paid) on the reports this campaign re-examined, and their sum.</summary>
    public (int Count, decimal Sum) Rewarded { get; private set; }
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();
    public IReadOnlyDictionary<string, int> Findings { get; private set; } = new Dictionary<string, int>();
    public int FixesOpen { get; private set; }
    public int FixesDone { get; private set; }
    public int FixesOverdue { get; private set; }
    public decimal Stopped { get; private set; }
    public decimal Recovered { get; private set; }

    /// <summary>The dashboard's figures as CSV or XLSX, in the page's order and language (downloads are audited).</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id, string? format, CancellationToken ct)
    {
        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }
        await audit.AppendAsync(Services.StaffAccess.UserId(User), Core.Audit.AuditAction.Export, null, $"campaign {id} {(format == "xlsx" ? "xlsx" : "csv")}", ct);
        var heading = new[]
        {
            new[] { l["Campaign.Name"].Value, Campaign.Name },
            [l["Campaign.LeadBody"].Value, Campaign.LeadBody],
            [l["Campaign.ScopeRegion"].Value, display.RegionPath(Campaign.RegionCode)],
            [l["Campaign.Deadline"].Value, Campaign.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)],
        };
        return Statistics.StatsExport.File(heading.Append([l["Campaign.ShownRegion"].Value, display.RegionPath(Shown)]), Lines(), format, $"campaign-{id:N}-{Shown}", l);
    }

    /// <summary>Every figure of the page, as the export writes it (rates in percent).</summary>
    public IEnumerable<Statistics.StatsExport.Line> Lines()
    {
        var progress = l["Campaign.Progress"].Value;
        yield return new(progress, l["Campaign.Items"], Totals.Items, null);
        yield return new(progress, l["Campaign.Reviewed"], Totals.Reviewed, null);
        yield return new(progress, l["Campaign.Overturned"], Totals.Overturned, null);
        yield return new(progress, l["Campaign.Rate"] + " (%)", Percent(Totals.Rate), Totals.Rate is null ? "" : null);
        yield return new(progress, l["Campaign.Overdue"], Overdue, null);
        yield return new(progress, l["Campaign.MoneyToStop"], MoneyToStop, null);
        yield return new(progress, l["Campaign.MoneyToRecover"], MoneyToRecover, null);
        yield return new(progress, l["Campaign.Referred"], Referred, null);
        foreach (var (finding, count) in Findings)
        {
            yield return new(progress, l["Finding." + finding], count, null);
        }
        var fixes = l["Rectification.Title"].Value;
        yield return new(fixes, l["Rectification.State.Open"], FixesOpen, null);
        yield return new(fixes, l["Rectification.State.Done"], FixesDone, null);
        yield return new(fixes, l["Rectification.State.Overdue"], FixesOverdue, null);
        yield return new(fixes, l["Rectification.Stopped"], Stopped, null);
        yield return new(fixes, l["Rectification.Recovered"], Recovered, null);
        IEnumerable<Statistics.StatsExport.Line> Group(string title, IReadOnlyList<Group> rows, Func<string, string> name) =>
            rows.SelectMany(g => new Statistics.StatsExport.Line[]
            {
                new(title, name(g.Key) + " · " + l["Campaign.Items"], g.Items, null),
                new(title, name(g.Key) + " · " + l["Campaign.Overturned"], g.Overturned, null),
                new(title, name(g.Key) + " · " + l["Campaign.Rate"] + " (%)", Percent(g.Rate), g.Rate is null ? "" : null),
            });
        foreach (var line in Group(l["Campaign.ByChild"], ByChild, key => key == "self" ? l["Campaign.SelfLevel", display.Region(Shown)] : display.Region(key)))
        {
            yield return line;
        }
        foreach (var line in Group(l["Campaign.ByCounty"], ByCounty, display.RegionPath))
        {
            yield return line;
        }
        foreach (var line in Group(l["Campaign.ByUnit"], ByUnit, unit => unit.Length == 0 ? l["Campaign.NoUnit"] : unit))
        {
            yield return line;
        }
        foreach (var line in Group(l["Campaign.ByHandler"], ByHandler, HandlerName))
        {
            yield return line;
        }
        foreach (var line in Group(l["Campaign.ByReviewer"], ByReviewer, key => Guid.TryParse(key, out var reviewer) ? Names.GetValueOrDefault(reviewer) ?? "—" : "—"))
        {
            yield return line;
        }
    }

    private static List<Group> ByRate(IEnumerable<Group> groups) => groups.OrderByDescending(g => g.Rate ?? -1).ThenByDescending(g => g.Items).ToList();

    public string HandlerName(string key) => key.Length == 0 ? l["Campaign.NoHandler"] : Names.GetValueOrDefault(Guid.Parse(key)) ?? "—";

    private static decimal? Percent(double? rate) => rate is { } r ? Math.Round((decimal)r * 100, 1) : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Reviewers).SingleOrDefaultAsync(c => c.Id == id, ct);
        var me = Services.StaffAccess.UserId(User);
        var reach = await jurisdictions.OfAsync(me, ct);
        // Checked on the campaign, not only the role: outside one's jurisdictions (and not one's own) it does not exist.
        if (campaign is null || (campaign.CreatedById != me && !reach.Covers(campaign.RegionCode)))
        {
            return NotFound();
        }
        Campaign = campaign;
        Notice ??= TempData["Notice"] as string;
        LessonThreshold ??= campaign.LessonThresholdPercent?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        LessonMinimum ??= campaign.LessonMinimumReviewed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Shown = string.IsNullOrEmpty(Region) ? campaign.RegionCode : Region;
        if (regions.Find(Shown) is null || !regions.IsWithin(Shown, campaign.RegionCode))
        {
            return NotFound();
        }
        Trail = regions.Lineage(Shown).TakeWhile(r => r.Code != campaign.RegionCode).Append(regions.Find(campaign.RegionCode)!).Reverse().ToList();
        var items = db.CampaignItems.Where(i => i.CampaignId == id).Within(i => i.RegionCode, new Reach([Shown]));
        // The counts come from the campaign's tallies (kept by triggers on its items in the changing transaction): a
        // few rows per county and dimension, not a count of every item on every view.
        var tallies = (await Statistics.CampaignTallies.RowsAsync(db, id, ct)).Where(t => t.RegionCode == Shown || regions.IsWithin(t.RegionCode, Shown)).ToLookup(t => t.Dim);
        static Group Of(string key, int items, int reviewed, int overturned) => new(key, items, reviewed, overturned);
        static List<Group> By(IEnumerable<Statistics.CampaignTallies.Row> rows, Func<Statistics.CampaignTallies.Row, string> key) =>
            rows.GroupBy(key).Select(g => Of(g.Key, g.Sum(t => t.Items), g.Sum(t => t.Reviewed), g.Sum(t => t.Overturned))).ToList();
        var all = tallies["all"].ToList();
        Totals = Of("", all.Sum(t => t.Items), all.Sum(t => t.Reviewed), all.Sum(t => t.Overturned));
        Unassigned = all.Sum(t => t.Unassigned);
        MoneyToStop = all.Sum(t => t.MoneyToStop);
        MoneyToRecover = all.Sum(t => t.MoneyToRecover);
        var today = policy.LocalDay(clock.GetUtcNow());
        Overdue = today > campaign.Deadline ? Totals.Items - Totals.Reviewed : 0;
        var byCode = By(all, t => t.RegionCode);
        ByCounty = ByRate(byCode);
        // Each code counted under the child of the shown region that holds it (its own level: "self").
        string ChildOf(string code) => code == Shown ? "self" : regions.Lineage(code).FirstOrDefault(r => r.ParentCode == Shown)?.Code ?? "self";
        ByChild = byCode.GroupBy(g => ChildOf(g.Key)).Select(g => Of(g.Key, g.Sum(x => x.Items), g.Sum(x => x.Reviewed), g.Sum(x => x.Overturned)))
            .OrderByDescending(g => g.Items).ToList();
        ByUnit = ByRate(By(tallies["unit"], t => t.Key));
        ByReviewer = By(tallies["reviewer"].Where(t => t.Key.Length > 0), t => t.Key).OrderByDescending(g => g.Items).ToList();
        ByHandler = ByRate(By(tallies["handler"], t => t.Key));
        Findings = By(tallies["finding"].Where(t => t.Key.Length > 0), t => t.Key).ToDictionary(g => g.Key, g => g.Items);
        // From the referred reports (few, on their own index) to their item, not from every overturned item to its report.
        Referred = await db.Reports.Where(r => r.Referral != null).CountAsync(r => items.Any(i => i.ReportId == r.Id && i.Verdict == ReviewVerdict.Overturned), ct);
        var reviewerIds = campaign.Reviewers.Select(r => r.UserId).Concat(ByHandler.Where(h => h.Key.Length > 0).Select(h => Guid.Parse(h.Key))).Distinct().ToList();
        Names = await db.Users.Where(u => reviewerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.DisplayName ?? u.Email ?? "") + (u.Unit == null ? "" : " · " + u.Unit), ct);
        var fixes = await db.Rectifications.Where(r => r.CampaignId == id && items.Any(i => i.Id == r.ItemId)).GroupBy(_ => 1).Select(g => new
        {
            Open = g.Count(r => r.DoneAt == null), Done = g.Count(r => r.DoneAt != null), Overdue = g.Count(r => r.DoneAt == null && r.DueOn < today),
            Stopped = g.Sum(r => r.StoppedYuan), Recovered = g.Sum(r => r.RecoveredYuan),
        }).SingleOrDefaultAsync(ct);
        (FixesOpen, FixesDone, FixesOverdue, Stopped, Recovered) = fixes is null ? (0, 0, 0, 0m, 0m) : (fixes.Open, fixes.Done, fixes.Overdue, fixes.Stopped, fixes.Recovered);
        var granted = new[] { Core.Rewards.RewardStatus.Granted, Core.Rewards.RewardStatus.Claimed, Core.Rewards.RewardStatus.Paid };
        var rewards = await db.Rewards.Where(w => granted.Contains(w.Status) && items.Any(i => i.ReportId == w.ReportId)).Select(w => w.Amount).ToListAsync(ct);
        Rewarded = (rewards.Count, rewards.Sum());
        return Page();
    }
}

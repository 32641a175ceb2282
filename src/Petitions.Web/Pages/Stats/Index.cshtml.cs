using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Regions;
using Petitions.Web.Statistics;

namespace Petitions.Web.Pages.Stats;

/// <summary>
/// Public statistics, without sign-in: the snapshot's suppressed figures over all time, by region with
/// drill-down. There is deliberately no period filter: the difference between two periods' totals would undo
/// the suppression. Only regions whose own total is published have a page.
/// </summary>
public sealed class IndexModel(Infrastructure.ReadDb read, PublicStatsCache cache, StatsQueries queries, StatsViewBuilder builder,
    RegionCatalogue regions, TimeProvider clock, Services.Display display, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public StatsView? View { get; private set; }
    public IReadOnlyList<Region> Provinces { get; private set; } = [];
    public IReadOnlyList<Region> Trail { get; private set; } = [];
    public bool Stale { get; private set; }

    /// <summary>A campaign's public totals; a null count is withheld (fewer than five, or enough to work one out).</summary>
    public sealed record CampaignTotals(string Name, string LeadBody, string RegionCode, long? Items, long? Reviewed, long? Overturned, decimal? MoneyToStop, decimal? MoneyToRecover);
    public IReadOnlyList<CampaignTotals> Campaigns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Campaigns = await CampaignTotalsAsync(ct);
        return Page();
    }

    /// <summary>
    /// Every launched campaign's totals, with the statistics' small-cell rule: items, reviewed, overturned and upheld
    /// (reviewed = overturned + upheld, so hiding one hides another); money only when the overturned count is shown.
    /// </summary>
    private async Task<IReadOnlyList<CampaignTotals>> CampaignTotalsAsync(CancellationToken ct)
    {
        var db = await read.GetAsync(ct);
        var rows = await db.Campaigns.AsNoTracking().Where(c => c.Status == Core.Campaigns.CampaignStatus.Active).OrderByDescending(c => c.LaunchedAt)
            .Select(c => new
            {
                c.Name, c.LeadBody, c.RegionCode,
                Items = db.CampaignItems.Count(i => i.CampaignId == c.Id),
                Reviewed = db.CampaignItems.Count(i => i.CampaignId == c.Id && i.Verdict != null),
                Overturned = db.CampaignItems.Count(i => i.CampaignId == c.Id && i.Verdict == Core.Campaigns.ReviewVerdict.Overturned),
                Stop = db.CampaignItems.Where(i => i.CampaignId == c.Id).Sum(i => i.MoneyToStopYuan),
                Recover = db.CampaignItems.Where(i => i.CampaignId == c.Id).Sum(i => i.MoneyToRecoverYuan),
            }).Take(20).ToListAsync(ct);
        return rows.Select(r =>
        {
            long[] values = [r.Items, r.Reviewed, r.Overturned, r.Reviewed - r.Overturned];
            var hidden = Core.Statistics.Suppression.Apply(values, [new Core.Statistics.SumConstraint(1, [2, 3])]);
            long? Shown(int i) => hidden[i] ? null : values[i];
            return new CampaignTotals(r.Name, r.LeadBody, r.RegionCode, Shown(0), Shown(1), Shown(2),
                hidden[2] ? null : r.Stop, hidden[2] ? null : r.Recover);
        }).ToList();
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || View is null)
        {
            return NotFound();
        }
        return StatsExport.File(View, format, $"petitions-public-{View.RegionCode}", display, l);
    }

    public static string Href(string code, string? format = null) =>
        format is null ? "/Stats?region=" + code : $"/Stats?handler=Export&format={format}&region={code}";

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var entry = await cache.GetAsync(await read.GetAsync(ct), ct);
        if (entry is null)
        {
            return true;
        }
        Provinces = entry.Regions.Values.Where(f => regions.Find(f.RegionCode)?.Level == RegionLevel.Province)
            .OrderByDescending(f => f.Total).Select(f => regions.Find(f.RegionCode)!).ToList();
        var code = string.IsNullOrEmpty(Region) ? (Provinces.Count > 0 ? Provinces[0].Code : null) : Region;
        if (code is null)
        {
            return true;
        }
        if (!entry.Regions.TryGetValue(code, out var figures))
        {
            return false;
        }
        Stale = clock.GetUtcNow() - entry.AsOf > TimeSpan.FromMinutes(15);
        Trail = regions.Lineage(code).Reverse().ToList();
        var kinds = await queries.KindsAsync(ct);
        View = builder.Build(figures, kinds, l["Stats.AllTime"], entry.AsOf, child => child.Open ? Href(child.Code) : null);
        return true;
    }
}

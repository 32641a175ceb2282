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
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.PublicPageCache.Policy)]
public sealed class IndexModel(Infrastructure.ReadDb read, PublicStatsCache cache, StatsViewBuilder builder,
    RegionCatalogue regions, TimeProvider clock, Services.Display display, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public StatsView? View { get; private set; }
    public IReadOnlyList<Region> Provinces { get; private set; } = [];
    public IReadOnlyList<Region> Trail { get; private set; } = [];
    public bool Stale { get; private set; }

    public IReadOnlyList<PublicCampaigns.Totals> Campaigns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        return Page();
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
        var entry = cache.Recent;
        if (entry is null)
        {
            var db = await read.GetAsync(ct);
            entry = await cache.GetAsync(db, ct);
            if (entry is null)
            {
                // Before the first snapshot: nothing to show but the campaigns, counted now.
                Campaigns = await PublicCampaigns.LoadAsync(db, ct);
                return true;
            }
        }
        Campaigns = entry.Campaigns;
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
        View = builder.Build(figures, entry.Kinds, l["Stats.AllTime"], entry.AsOf, child => child.Open ? Href(child.Code) : null);
        return true;
    }
}

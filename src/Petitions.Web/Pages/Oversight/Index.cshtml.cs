using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Audit;
using Petitions.Core.Regions;
using Petitions.Web.Services;
using Petitions.Web.Statistics;

namespace Petitions.Web.Pages.Oversight;

/// <summary>
/// The oversight dashboard: complete (unsuppressed) figures for a region inside the reader's jurisdictions
/// and a period of receipt, with drill-down to the regions one level down and exports of the same figures.
/// A region outside the reader's jurisdictions is a 404, like a report outside them.
/// </summary>
public sealed class IndexModel(
    StatsQueries queries, StatsViewBuilder builder, RegionCatalogue regions, AuditLog audit,
    TimeProvider clock, Display display, IStringLocalizer<SharedResource> l, Jurisdictions jurisdictions, RewardFigures rewards) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    /// <summary>First month of receipt, "yyyy-MM"; empty for no lower bound.</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    /// <summary>Last month of receipt, "yyyy-MM"; empty for no upper bound.</summary>
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public StatsView? View { get; private set; }
    public IReadOnlyList<Region> Jurisdictions { get; private set; } = [];
    /// <summary>From the reader's jurisdiction down to the region shown, for the breadcrumb.</summary>
    public IReadOnlyList<Region> Trail { get; private set; } = [];
    public bool Stale { get; private set; }
    /// <summary>The rewards of reports in the region shown, by year proposed (every period: rewards follow conclusions).</summary>
    public IReadOnlyList<RewardLine> Rewards { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || View is null || !ModelState.IsValid)
        {
            return NotFound();
        }
        await audit.AppendAsync(StaffAccess.UserId(User), AuditAction.Export, null,
            $"statistics {(format == "xlsx" ? "xlsx" : "csv")} {View.RegionCode} {From ?? "*"}..{To ?? "*"}", ct);
        return StatsExport.File(View, format, $"petitions-{View.RegionCode}-{From ?? "start"}-{To ?? "now"}", display, l);
    }

    public string Href(string? region, string? from = null, string? to = null, string? handler = null, string? format = null)
    {
        var query = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("handler", handler);
        Add("format", format);
        Add("region", region);
        Add("from", from ?? From);
        Add("to", to ?? To);
        return "/Oversight" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var me = StaffAccess.UserId(User);
        var reach = await jurisdictions.OfAsync(me, ct);
        Jurisdictions = reach.Codes.Select(c => regions.Find(c)).OfType<Region>().ToList();
        if (Jurisdictions.Count == 0)
        {
            return true;
        }
        var region = string.IsNullOrEmpty(Region) ? Jurisdictions[0].Code : Region;
        var root = regions.Find(reach.RootOf(region));
        if (root is null)
        {
            return false;
        }
        Trail = regions.Lineage(region).Reverse().SkipWhile(r => r.Code != root.Code).ToList();
        var from = ParseMonth(nameof(From), From);
        var to = ParseMonth(nameof(To), To);
        if (from is { } f && to is { } t && f > t)
        {
            ModelState.AddModelError(nameof(To), l["Stats.Error.ToBeforeFrom"]);
            to = null;
        }
        var period = from is null && to is null ? l["Stats.AllTime"].Value
            : $"{from?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "…"} – {to?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "…"}";
        var asOf = await queries.AsOfAsync(ct);
        Stale = asOf is null || clock.GetUtcNow() - asOf > TimeSpan.FromMinutes(15);
        var figures = await queries.LoadAsync(region, from, to, ct);
        var kinds = await queries.KindsAsync(ct);
        View = builder.Build(figures, kinds, period, asOf, child => Href(child.Code), from, to);
        Rewards = await rewards.ForAsync(region, ct);
        return true;
    }

    private DateOnly? ParseMonth(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            && month.Year is >= 2000 and <= 2100)
        {
            return month;
        }
        ModelState.AddModelError(field, l["Stats.Error.Month"]);
        return null;
    }
}

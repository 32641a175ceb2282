using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Audit;
using Petitions.Data;
using Petitions.Web.Services;
using Petitions.Web.Statistics;
using Petitions.Web.UseCases;
using Petitions.Web.UseCases.Matching;

namespace Petitions.Web.Pages.Matching;

/// <summary>
/// What the matching found, within the analyst's jurisdictions: the dashboard (hits, decided, precision and money by
/// rule, county and month, downloadable as CSV or XLSX, each download audited), then each hit with its case, the
/// largest first.
/// </summary>
public sealed class HitsModel(AppDbContext db, IWorkQueue work, Jurisdictions jurisdictions, MatchingFigures figures, AuditLog audit,
    Display display, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    private const int Shown = 200;

    public IReadOnlyList<(MatchHit Hit, string? Case)> Hits { get; private set; } = [];
    public MatchingDashboard Dashboard { get; private set; } = null!;
    public bool Started { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Asks for a run now (it also runs after each import and monthly).</summary>
    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        work.MatchingOwed();
        Started = true;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The dashboard as a file, one row per figure (the statistics exports' format and neutralising).</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var reach = await jurisdictions.OfAsync(StaffAccess.UserId(User), ct);
        var dashboard = await figures.ForAsync(reach, ct);
        await audit.AppendAsync(StaffAccess.UserId(User), AuditAction.Export, null, $"matching dashboard {(format == "xlsx" ? "xlsx" : "csv")}", ct);
        string[][] heading = [[l["Matching.Dashboard"].Value, string.Join(l["List.Separator"].Value, reach.Codes.Select(c => display.Region(c)))],
            [l["Matching.AsOf"].Value, display.When(clock.GetUtcNow())]];
        return StatsExport.File(heading, Lines(dashboard), format, "matching", l);
    }

    private IEnumerable<StatsExport.Line> Lines(MatchingDashboard d)
    {
        IEnumerable<StatsExport.Line> Of(string section, HitFigures f) =>
        [
            new(section, l["Matching.Col.Hits"], f.Hits, null), new(section, l["Matching.Col.Confirmed"], f.Confirmed, null),
            new(section, l["Matching.Col.FalsePositives"], f.FalsePositives, null), new(section, l["Matching.Col.Open"], f.Open, null),
            new(section, l["Matching.Col.Precision"], f.Precision * 100, f.Precision is null ? "—" : null),
            new(section, l["Matching.Col.AtStake"], f.AtStake, null), new(section, l["Matching.Col.ToRecover"], f.ToRecover, null),
            new(section, l["Matching.Col.Recovered"], f.Recovered, null),
        ];
        return Of(l["Matching.Total"], d.Total)
            .Concat(d.ByRule.SelectMany(f => Of(l["Matching.ByRule"] + " · " + l["Matching.Rule." + f.Key], f)))
            .Concat(d.ByRegion.SelectMany(f => Of(l["Matching.ByRegion"] + " · " + display.Region(f.Key), f)))
            .Concat(d.ByMonth.SelectMany(f => Of(l["Matching.ByMonth"] + " · " + f.Key, f)))
            .Concat(d.ByApprover.SelectMany(f => Of(l["Matching.ByApprover"] + " · " + f.Key, f)
                .Append(new(l["Matching.ByApprover"] + " · " + f.Key, l["Matching.Col.Times"], d.ApproverMultiple.TryGetValue(f.Key, out var t) ? t : null, "—"))));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var reach = await jurisdictions.OfAsync(StaffAccess.UserId(User), ct);
        Dashboard = await figures.ForAsync(reach, ct);
        Hits = (await db.MatchHits.AsNoTracking().Within(h => h.Region, reach).OrderByDescending(h => h.Amount).ThenBy(h => h.PersonNumber).Take(Shown)
            .Select(h => new { Hit = h, Case = db.Reports.Where(r => r.Id == h.ReportId).Select(r => r.TrackingNumber).FirstOrDefault() })
            .ToListAsync(ct)).Select(x => (x.Hit, x.Case)).ToList();
    }
}

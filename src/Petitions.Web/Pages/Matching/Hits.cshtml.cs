using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Web.UseCases;

namespace Petitions.Web.Pages.Matching;

/// <summary>What the matching found: each hit with its person, death, months and money paid after it, the largest first.</summary>
public sealed class HitsModel(AppDbContext db, IWorkQueue work) : PageModel
{
    private const int Shown = 200;

    public IReadOnlyList<MatchHit> Hits { get; private set; } = [];
    public int Count { get; private set; }
    public decimal Amount { get; private set; }
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

    private async Task LoadAsync(CancellationToken ct)
    {
        Hits = await db.MatchHits.AsNoTracking().OrderByDescending(h => h.Amount).ThenBy(h => h.PersonNumber).Take(Shown).ToListAsync(ct);
        Count = await db.MatchHits.CountAsync(ct);
        // The money paid after death (the other rules' amounts are monthly sums at stake, not money paid).
        Amount = await db.MatchHits.Where(h => h.Rule == UseCases.Matching.MatchingRun.PaidAfterDeath).SumAsync(h => (decimal?)h.Amount, ct) ?? 0;
    }
}

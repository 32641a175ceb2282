using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Web.Services;
using Petitions.Web.UseCases.Matching;

namespace Petitions.Web.Pages.Matching;

/// <summary>The pairs linking could not settle alone: the analyst says whether the death row is the roll's person.</summary>
public sealed class LinksModel(LinkReviews reviews, Jurisdictions jurisdictions, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<LinkToReview> Waiting { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["Notice"] is string key ? l[key].Value : null;
        Waiting = await reviews.WaitingAsync(await ReachAsync(ct), ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(long entry, bool same, CancellationToken ct)
    {
        var reach = await ReachAsync(ct);
        var outcome = await reviews.DecideAsync(StaffAccess.UserId(User), reach, entry, same, ct);
        return await this.AnswerAsync(outcome, l, () =>
        {
            TempData["Notice"] = outcome.MessageKey;
            return RedirectToPage();
        }, async () =>
        {
            Waiting = await reviews.WaitingAsync(reach, ct);
            return Page();
        });
    }

    private Task<Core.Regions.Reach> ReachAsync(CancellationToken ct) => jurisdictions.OfAsync(StaffAccess.UserId(User), ct);
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Web.UseCases;

namespace Petitions.Web.Pages;

/// <summary>
/// The one way a page answers a handler's <see cref="Outcome"/>: not there for this person → 404 (or what the page
/// says instead); done → <c>done</c> (a redirect carrying the confirmation); anything else → the message beside the
/// field it names (above the form when it names none) and the page again, with what was typed.
/// </summary>
public static class OutcomeResults
{
    public static async Task<IActionResult> AnswerAsync(this PageModel page, Outcome outcome, IStringLocalizer l,
        Func<IActionResult> done, Func<Task<IActionResult>> again, Func<IActionResult>? notFound = null) =>
        Settle(page, outcome, l, done, notFound) ?? await again();

    /// <summary>As <see cref="AnswerAsync"/>, for a page shown again as it is (nothing to load).</summary>
    public static IActionResult Answer(this PageModel page, Outcome outcome, IStringLocalizer l, Func<IActionResult> done) =>
        Settle(page, outcome, l, done, null) ?? page.Page();

    private static IActionResult? Settle(PageModel page, Outcome outcome, IStringLocalizer l, Func<IActionResult> done, Func<IActionResult>? notFound)
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return notFound?.Invoke() ?? page.NotFound();
        }
        if (outcome.Succeeded)
        {
            return done();
        }
        page.ModelState.AddModelError(outcome.Field ?? string.Empty, l[outcome.MessageKey!, outcome.Args ?? []]);
        return null;
    }

    /// <summary>
    /// The rule and template pages' answer: saved → the list again with its confirmation in the address; anything
    /// else means the row named is not there (their fields were checked before the handler ran).
    /// </summary>
    public static IActionResult Saved(this PageModel page, Outcome outcome, string? notice = null) =>
        outcome.Succeeded ? page.RedirectToPage(new { notice = notice ?? outcome.MessageKey }) : page.NotFound();
}

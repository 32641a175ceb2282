using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.UseCases;
using Petitions.Web.UseCases.Accounts;

namespace Petitions.Web.Pages.Account;

/// <summary>The link from the new mailbox: one button confirms the change (a GET changes nothing).</summary>
[RateLimited(RatePurpose.Account)]
public sealed class ConfirmEmailChangeModel(AccountChanges changes, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public Outcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Outcome = await changes.ConfirmEmailChangeAsync(UserId, Email, Code, ct);
        if (Outcome.Succeeded && signIn.IsSignedIn(User))
        {
            // The sign-in name changed with the address: sign in again with the new one.
            await signIn.SignOutAsync();
        }
        return Page();
    }
}

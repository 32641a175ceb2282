using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Account;

/// <summary>Asks for a reset link. Same answer for known and unknown addresses.</summary>
[EnableRateLimiting(CitizenSetup.TrackPolicy)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, AccountMail mail) : PageModel
{
    [BindProperty]
    public EmailOnly Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await users.FindByEmailAsync(Input.Email.Trim()) is { } user && await users.IsEmailConfirmedAsync(user) && !user.Disabled)
        {
            await mail.SendPasswordResetAsync(user, ct);
        }
        return RedirectToPage("./CheckMail", new { kind = "reset" });
    }
}

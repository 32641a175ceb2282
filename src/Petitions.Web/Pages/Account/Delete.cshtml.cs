using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;
using Petitions.Web.UseCases.Accounts;

namespace Petitions.Web.Pages.Account;

/// <summary>Deleting a citizen's own account, after saying what goes and what stays, with the password as confirmation.</summary>
[RateLimited(RatePurpose.SignIn)]
public sealed class DeleteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountChanges changes, AppDbContext db,
    ReporterIdentities identities, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? Password { get; set; }
    public int ReportCount { get; private set; }
    public bool Deleted { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) is null ? Forbid() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } user)
        {
            return Forbid();
        }
        var outcome = await changes.DeleteAsync(user, Password, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(nameof(Password), l[outcome.MessageKey!]);
            return Page();
        }
        await signIn.SignOutAsync();
        // This response already shows the site signed out; the browser drops the site's cookies and storage.
        HttpContext.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        Response.Headers["Clear-Site-Data"] = "\"cookies\", \"storage\", \"cache\"";
        Deleted = true;
        return Page();
    }

    private async Task<AppUser?> LoadAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user || !await changes.IsCitizenOnlyAsync(user))
        {
            return null;
        }
        var link = identities.LinkOf(user.Id);
        ReportCount = await db.Reports.CountAsync(r => r.ReporterKey == link, ct);
        return user;
    }
}

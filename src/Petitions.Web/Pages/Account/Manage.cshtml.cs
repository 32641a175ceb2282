using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Data;
using Petitions.Web.UseCases.Accounts;

namespace Petitions.Web.Pages.Account;

/// <summary>The signed-in person's account: who they are, their roles, and what they can change.</summary>
public sealed class ManageModel(UserManager<AppUser> users, AccountChanges changes) : PageModel
{
    public AppUser Account { get; private set; } = null!;
    public IList<string> RoleNames { get; private set; } = [];
    public bool IsCitizen { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Account = user;
        RoleNames = await users.GetRolesAsync(user);
        IsCitizen = await changes.IsCitizenOnlyAsync(user);
        return Page();
    }

    /// <summary>Staff: new reports mailed at once or in the digest.</summary>
    public async Task<IActionResult> OnPostMailAsync(bool digest)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        user.NewReportsInDigest = digest;
        await users.UpdateAsync(user);
        Notice = "Manage.NewReports.Saved";
        return RedirectToPage();
    }
}

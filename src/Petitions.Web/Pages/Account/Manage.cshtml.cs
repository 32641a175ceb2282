using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Data;

namespace Petitions.Web.Pages.Account;

/// <summary>The signed-in person's account: who they are and which roles they hold.</summary>
public sealed class ManageModel(UserManager<AppUser> users) : PageModel
{
    public AppUser Account { get; private set; } = null!;
    public IList<string> RoleNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Account = user;
        RoleNames = await users.GetRolesAsync(user);
        return Page();
    }
}

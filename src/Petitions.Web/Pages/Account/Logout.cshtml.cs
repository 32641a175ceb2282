using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Data;

namespace Petitions.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        // The browser drops this site's cookies and storage too (a shared computer keeps nothing of the session).
        Response.Headers["Clear-Site-Data"] = "\"cookies\", \"storage\", \"cache\"";
        return LocalRedirect("/");
    }
}

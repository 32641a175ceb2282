using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Account;

/// <summary>The link from the confirmation mail.</summary>
public sealed class ConfirmEmailModel(UserManager<AppUser> users, ILogger<ConfirmEmailModel> logger) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        var token = AccountMail.Decode(code);
        if (token is null || !Guid.TryParse(userId, out _) || await users.FindByIdAsync(userId!) is not { } user)
        {
            return;
        }
        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
        logger.LogInformation("Email confirmation {Outcome}", Confirmed ? "succeeded" : "failed");
    }
}

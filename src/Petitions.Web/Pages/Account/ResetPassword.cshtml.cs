using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Account;

/// <summary>The link from the reset mail: a new password. A wrong address or a spent link give one message.</summary>
[RateLimited(RatePurpose.Account)]
public sealed class ResetPasswordModel(UserManager<AppUser> users, IStringLocalizer<SharedResource> l, ILogger<ResetPasswordModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Done { get; private set; }

    public IActionResult OnGet(string? code)
    {
        if (AccountMail.Decode(code) is null)
        {
            ModelState.AddModelError(string.Empty, l["Reset.Invalid"]);
        }
        Input.Code = code ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var token = AccountMail.Decode(Input.Code);
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (token is null || user is null)
        {
            ModelState.AddModelError(string.Empty, l["Reset.Invalid"]);
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var message = error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? l["Reset.Invalid"] : IdentityMessages.For(l, error);
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty, message);
            }
            return Page();
        }
        logger.LogInformation("Password reset");
        Done = true;
        return Page();
    }

    public sealed class InputModel : NewPasswordInput
    {
        [StringLength(2000)]
        public string Code { get; set; } = "";
    }
}

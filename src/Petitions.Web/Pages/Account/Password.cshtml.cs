using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Account;

/// <summary>
/// Changing the password: the current one, then the new one twice. Success renews the security stamp, so every
/// other session of the account is signed out, and tells the account's mailbox.
/// </summary>
[RateLimited(RatePurpose.SignIn)]
public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, LocalizedMailer mailer, IStringLocalizer<SharedResource> l,
    ILogger<PasswordModel> logger) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Input.Current, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                {
                    ModelState.AddModelError("Input.Current", l["Password.WrongCurrent"]);
                }
                else
                {
                    ModelState.AddModelError("Input.Password", IdentityMessages.For(l, error));
                }
            }
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        await mailer.SendAsync(user, "Mail.PasswordChanged.Subject", "Mail.PasswordChanged.Body", [mailer.Link("/Account/ForgotPassword")], ct);
        logger.LogInformation("Password changed");
        TempData["Notice"] = "Password.Done";
        return RedirectToPage("./Manage");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Password.Current")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, MinimumLength = 10, ErrorMessage = "Validation.PasswordLength")]
        [DataType(DataType.Password)]
        [Display(Name = "Password.New")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Compare(nameof(Password), ErrorMessage = "Validation.PasswordMismatch")]
        [DataType(DataType.Password)]
        [Display(Name = "Register.ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";
    }
}

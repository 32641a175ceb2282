using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Data;

namespace Petitions.Web.Pages.Account;

public sealed class LoginModel(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, Services.AuditLog audit, IStringLocalizer<SharedResource> l, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        // Staff sign-ins, and refusals of staff accounts, go to the audit log (citizens' do not).
        // With a second factor still to come, the second step records the outcome.
        if (!result.RequiresTwoFactor && await users.FindByEmailAsync(Input.Email.Trim()) is { } account && await IsStaffAsync(account))
        {
            await audit.AppendAsync(account.Id, result.Succeeded ? Core.Audit.AuditAction.SignIn : Core.Audit.AuditAction.SignInFailed, null,
                result.Succeeded ? "password" : result.IsLockedOut ? "locked out" : "refused");
        }
        if (result.Succeeded)
        {
            logger.LogInformation("Sign-in succeeded");
            return LocalRedirect(SafeReturnUrl());
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl = SafeReturnUrl() });
        }
        // One message whatever went wrong: never reveal whether an address exists or is locked.
        logger.LogInformation("Sign-in refused (locked out: {LockedOut})", result.IsLockedOut);
        ModelState.AddModelError(string.Empty, l["Login.Invalid"]);
        return Page();
    }

    private async Task<bool> IsStaffAsync(AppUser account)
    {
        var roles = await users.GetRolesAsync(account);
        return roles.Any(Roles.Employees.Contains);
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public sealed class InputModel : EmailInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Login.Password")]
        public string Password { get; set; } = "";
    }
}

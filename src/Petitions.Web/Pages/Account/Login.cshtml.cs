using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Data;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Pages.Account;

/// <summary>
/// Password sign-in. The same work is done whether or not the address has an account (an unknown address is
/// checked against a dummy hash), and one message answers every refusal. Wrong passwords are counted per client
/// and account: a client that reaches the limit is refused for that account, and only the first failure from each
/// client counts towards locking the account, so one outsider cannot lock a known officer out.
/// </summary>
[RateLimited(RatePurpose.SignIn)]
public sealed class LoginModel(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, RateGate gate, Services.AuditLog audit,
    IStringLocalizer<SharedResource> l, ILogger<LoginModel> logger) : PageModel
{
    /// <summary>A hash to check unknown addresses against, made once with the site's own hasher and settings.</summary>
    private static string? dummyHash;
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
        var account = await users.FindByEmailAsync(Input.Email.Trim());
        if (account is null || gate.SignInRefused(HttpContext, account.Id))
        {
            // Equal work: the password is hashed as it would be for an account, then refused.
            var dummy = new AppUser();
            dummyHash ??= users.PasswordHasher.HashPassword(dummy, Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(dummy, dummyHash, Input.Password);
            logger.LogInformation("Sign-in refused");
            ModelState.AddModelError(string.Empty, l["Login.Invalid"]);
            return Page();
        }
        // A wrong password never locks the account itself: one outsider at many addresses could otherwise lock a known
        // officer out. Each client (an IPv6 client is its /64) is refused for that account after a few wrong ones,
        // every client has its sign-in budget, and staff still need their authenticator after the password.
        var result = await signIn.PasswordSignInAsync(account, Input.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            gate.SignInSucceeded(HttpContext, account.Id);
        }
        else
        {
            gate.SignInFailed(HttpContext, account.Id);
        }
        // Staff sign-ins, and refusals of staff accounts, go to the audit log (citizens' do not).
        // With a second factor still to come, the second step records the outcome.
        if (!result.RequiresTwoFactor && await IsStaffAsync(account))
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

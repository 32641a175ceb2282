using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Audit;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Account;

/// <summary>The second step of signing in: a code from the authenticator app, or a recovery code.</summary>
[RateLimited(RatePurpose.SecondFactor)]
public sealed class LoginWith2faModel(SignInManager<AppUser> signIn, AppDbContext db, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("./Login");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Six digits (spaces allowed) are an authenticator code; anything else a recovery code ("XXXXX-XXXXX").
        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Trim();
        var isTotp = code.Length == 6 && code.All(char.IsAsciiDigit);
        // One attempt at a time per account (the row is locked until this one is decided and audited): of several
        // simultaneous posts of one code exactly one gets in, and the others are refused as a used code, not as errors.
        var result = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "AspNetUsers" WHERE "Id" = {user.Id} FOR UPDATE""");
            db.ChangeTracker.Clear();
            var outcome = isTotp
                ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
                : await signIn.TwoFactorRecoveryCodeSignInAsync(code.ToUpperInvariant());
            await audit.AppendAsync(user.Id, outcome.Succeeded ? AuditAction.SignIn : AuditAction.SignInFailed, null,
                outcome.Succeeded ? (isTotp ? "second factor: authenticator" : "second factor: recovery code") : "second factor refused");
            await tx.CommitAsync();
            return outcome;
        });
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        ModelState.AddModelError("Input.Code", l[result.IsLockedOut ? "Login.Invalid" : "TwoFactor.BadCode"]);
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(20, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "TwoFactor.Code")]
        public string Code { get; set; } = "";
    }
}

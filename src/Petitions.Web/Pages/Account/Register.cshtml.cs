using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Account;

/// <summary>
/// Self-registration, for citizens only (staff accounts are created by an Admin). The answer is the same whether
/// or not the address already has an account, so the form cannot be used to find out who is registered.
/// </summary>
[RateLimited(RatePurpose.Account)]
public sealed class RegisterModel(
    UserManager<AppUser> users, AccountMail mail, IStringLocalizer<SharedResource> l, ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = Input.Email.Trim();
        // The password is judged before anything else, so its messages never depend on whether the address is taken.
        var problems = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, new AppUser { UserName = email, Email = email }, Input.Password)).Errors);
        }
        if (problems.Count > 0)
        {
            foreach (var error in problems)
            {
                ModelState.AddModelError("Input.Password", IdentityMessages.For(l, error));
            }
            return Page();
        }
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // The same work as a new account (a password hash, one mail), so timing does not tell that the address is taken.
            users.PasswordHasher.HashPassword(existing, Input.Password);
            await mail.SendAlreadyRegisteredAsync(existing, ct);
            return RedirectToPage("./CheckMail", new { kind = "register" });
        }
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            PreferredCulture = CultureInfo.CurrentUICulture.IsChinese() ? "zh-CN" : "en",
        };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.Password", IdentityMessages.For(l, error));
            }
            return Page();
        }
        await users.AddToRoleAsync(user, Roles.Citizen);
        logger.LogInformation("Citizen account registered");
        await mail.SendConfirmationAsync(user, ct);
        return RedirectToPage("./CheckMail", new { kind = "register" });
    }

    /// <summary>An address and a password: a citizen's name is not kept with the account (a real-name report carries its own, sealed).</summary>
    public sealed class InputModel : NewPasswordInput;
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Data;

namespace Petitions.Web.Pages.Account;

/// <summary>An account's email address, as every account form asks for it.</summary>
public class EmailInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Login.Email")]
    public string Email { get; set; } = "";
}

/// <summary>The one-field form of "forgot password" and "resend confirmation".</summary>
public sealed class EmailOnly : EmailInput;

/// <summary>
/// "Send me a mail" pages: the same answer whether or not the address is known; the mail goes only when
/// <see cref="ShouldSendAsync"/> says so.
/// </summary>
public abstract class EmailRequestModel(UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public EmailOnly Input { get; set; } = new();

    /// <summary>The CheckMail page's wording: "reset" or "resend".</summary>
    protected abstract string Kind { get; }

    protected UserManager<AppUser> Users => users;

    protected abstract Task<bool> ShouldSendAsync(AppUser user);

    protected abstract Task SendAsync(AppUser user, CancellationToken ct);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await users.FindByEmailAsync(Input.Email.Trim()) is { } user && await ShouldSendAsync(user))
        {
            await SendAsync(user, ct);
        }
        return RedirectToPage("./CheckMail", new { kind = Kind });
    }
}

/// <summary>A new password typed twice (registration and reset).</summary>
public abstract class NewPasswordInput : EmailInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Validation.PasswordLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Login.Password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Compare(nameof(Password), ErrorMessage = "Validation.PasswordMismatch")]
    [DataType(DataType.Password)]
    [Display(Name = "Register.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = "";
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.UseCases.Accounts;

namespace Petitions.Web.Pages.Account;

/// <summary>
/// Changing a citizen's address: the new address and the password; a link goes to the new mailbox and nothing
/// changes until it is opened. The answer is the same whether or not the new address is taken.
/// </summary>
[RateLimited(RatePurpose.Account)]
public sealed class EmailModel(UserManager<AppUser> users, AccountChanges changes, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public string Current { get; private set; } = "";
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Forbid() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync() is not { } user)
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError("Input.Password", l["Password.WrongCurrent"]);
            return Page();
        }
        var email = Input.Email.Trim();
        if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.Email", l["ChangeEmail.Same"]);
            return Page();
        }
        await changes.RequestEmailChangeAsync(user, email, ct);
        Sent = true;
        return Page();
    }

    /// <summary>The signed-in citizen, or null (staff addresses are changed by an administrator).</summary>
    private async Task<AppUser?> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user || !await changes.IsCitizenOnlyAsync(user))
        {
            return null;
        }
        Current = user.Email ?? "";
        return user;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StringLength(256, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "ChangeEmail.New")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Password.Current")]
        public string Password { get; set; } = "";
    }
}

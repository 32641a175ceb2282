using System.ComponentModel.DataAnnotations;

namespace Petitions.Web.Pages.Account;

/// <summary>The one-field form of "forgot password" and "resend confirmation".</summary>
public sealed class EmailOnly
{
    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Login.Email")]
    public string Email { get; set; } = "";
}

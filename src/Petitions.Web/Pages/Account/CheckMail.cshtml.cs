using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Petitions.Web.Pages.Account;

/// <summary>"Look in your mailbox": the same words whether or not the address is known.</summary>
public sealed class CheckMailModel : PageModel
{
    public string Kind { get; private set; } = "Register";

    public void OnGet(string? kind) => Kind = kind switch
    {
        "reset" => "Reset",
        "resend" => "Resend",
        _ => "Register",
    };
}

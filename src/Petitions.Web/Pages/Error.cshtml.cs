using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Petitions.Web.Pages;

/// <summary>The friendly error page: no stack trace, no detail, the status code kept.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string TitleKey { get; private set; } = "Error.Title";
    public string TextKey { get; private set; } = "Error.Text";

    public void OnGet(int? code) => Describe(code);

    // Status-code re-execution keeps the original method, so a failed POST lands here too.
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (TitleKey, TextKey) = code switch
        {
            404 => ("Error.NotFound.Title", "Error.NotFound.Text"),
            403 => ("Error.Forbidden.Title", "Error.Forbidden.Text"),
            400 => ("Error.BadRequest.Title", "Error.BadRequest.Text"),
            429 => ("Error.TooMany.Title", "Error.TooMany.Text"),
            _ => ("Error.Title", "Error.Text"),
        };
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Petitions.Web.Pages;

/// <summary>The friendly error page: no stack trace, no detail, the status code kept.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(Microsoft.Extensions.Options.IOptions<Services.StorageOptions> storage) : PageModel
{
    public string TitleKey { get; private set; } = "Error.Title";
    public string TextKey { get; private set; } = "Error.Text";
    /// <summary>The text's arguments (the size limits, for a request too large).</summary>
    public object[] TextArgs { get; private set; } = [];

    public void OnGet([FromQuery] int? code) => Describe(code);

    // Status-code re-execution keeps the original method, so a failed POST lands here too.
    public void OnPost([FromQuery] int? code) => Describe(code);

    private void Describe(int? code)
    {
        // A re-executed status page knows the status it shows, whatever the query string says.
        code = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? code;
        // A body over the limit from a client that sent no length is stopped while being read: the same answer.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: 413 })
        {
            code = 413;
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
        if (code == 413)
        {
            var limits = storage.Value;
            TextArgs = [limits.MaxRequestBytes / (1024 * 1024), limits.MaxFiles, limits.MaxFileBytes / (1024 * 1024)];
        }
        (TitleKey, TextKey) = code switch
        {
            404 => ("Error.NotFound.Title", "Error.NotFound.Text"),
            403 => ("Error.Forbidden.Title", "Error.Forbidden.Text"),
            400 => ("Error.BadRequest.Title", "Error.BadRequest.Text"),
            429 => ("Error.TooMany.Title", "Error.TooMany.Text"),
            413 => ("Error.TooLarge.Title", "Error.TooLarge.Text"),
            _ => ("Error.Title", "Error.Text"),
        };
    }
}

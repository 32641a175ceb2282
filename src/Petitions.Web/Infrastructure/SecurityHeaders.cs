namespace Petitions.Web.Infrastructure;

/// <summary>
/// Headers on every response: a strict Content-Security-Policy (scripts only from this site, no inline
/// script), no sniffing, no referrer, no framing, and no caching of anything but static files. HSTS is added by
/// UseHsts outside Development.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The Hangfire dashboard (administrators only, behind the second factor) sets styles inline, which the strict
    /// policy blocks (its pages broke and the console filled with errors); it alone may, and scripts stay 'self'.
    /// </summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Read before the dashboard's branch moves the path into PathBase.
        var dashboard = context.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase);
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = dashboard ? DashboardPolicy : Policy;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            h.XFrameOptions = "DENY";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            // Pages and files the site makes (reports, receipts with keys, queues, exports) are never kept by a
            // browser or a proxy: a shared computer's back button or cache shows nothing. Static files keep theirs.
            if (context.GetEndpoint() is not null)
            {
                h.CacheControl = "no-store";
                h.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next(context);
    });
}

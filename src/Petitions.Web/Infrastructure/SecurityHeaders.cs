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

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = Policy;
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

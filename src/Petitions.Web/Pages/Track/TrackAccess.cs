using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Pages.Track;

/// <summary>
/// Who may see a report on /Track: whoever proved the tracking key in the last 30 minutes (an
/// encrypted, HttpOnly, same-site cookie naming only the report), or its signed-in real-name reporter.
/// Nothing about the visitor is stored on the server.
/// </summary>
public sealed class TrackAccess(AppDbContext db, Services.ReporterIdentities identities, IDataProtectionProvider protection, UserManager<AppUser> users, TimeProvider clock)
{
    public const string CookieName = "petitions.track";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Petitions.TrackAccess").ToTimeLimitedDataProtector();

    public void Grant(HttpContext context, Guid reportId) =>
        context.Response.Cookies.Append(CookieName, _protector.Protect(reportId.ToString("N"), clock.GetUtcNow().Add(Lifetime)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            Path = "/Track",
            MaxAge = Lifetime,
        });

    public void Revoke(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/Track" });

    /// <summary>The report the visitor may see, with its timeline and attachments; null when none.</summary>
    public async Task<Core.Reports.Report?> ResolveAsync(HttpContext context, Guid? id, CancellationToken ct)
    {
        Guid? allowed = null;
        if (id is { } requested && context.User.Identity?.IsAuthenticated == true && users.GetUserId(context.User) is { } userId)
        {
            var link = identities.LinkOf(Guid.Parse(userId, CultureInfo.InvariantCulture));
            if (await db.Reports.AnyAsync(r => r.Id == requested && r.ReporterKey == link, ct))
            {
                allowed = requested;
            }
        }
        if (allowed is null && context.Request.Cookies.TryGetValue(CookieName, out var cookie))
        {
            try
            {
                var fromCookie = Guid.ParseExact(_protector.Unprotect(cookie), "N");
                if (id is null || id == fromCookie)
                {
                    allowed = fromCookie;
                }
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
            {
                // Expired or forged: no access.
            }
        }
        return allowed is null ? null : await db.Reports
            .Include(r => r.Events.Where(e => e.Public).OrderBy(e => e.At))
            .Include(r => r.People)
            .Include(r => r.Attachments.Where(a => a.DeletedAt == null))
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == allowed, ct);
    }
}

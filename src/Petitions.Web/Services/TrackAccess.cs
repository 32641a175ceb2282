using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Services;

/// <summary>
/// Who may see a report on /Track: whoever proved the tracking key in the last 30 minutes (an
/// encrypted, HttpOnly, same-site cookie naming the report and a server-side session that "End this session"
/// deletes), or its signed-in real-name reporter. Nothing about the visitor is stored on the server: the
/// session row is a random id and its end.
/// </summary>
public sealed class TrackAccess(
    AppDbContext db, Services.ReporterIdentities identities, IDataProtectionProvider protection, UserManager<AppUser> users, TimeProvider clock,
    Services.ServerSessions sessions)
{
    public const string CookieName = "petitions.track";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Petitions.TrackAccess").ToTimeLimitedDataProtector();

    /// <summary>Opens a tracking session for this report: a server-side session id and the report, sealed in the cookie.</summary>
    public async Task GrantAsync(HttpContext context, Guid reportId, CancellationToken ct)
    {
        var session = await sessions.StartAsync(Lifetime, ct);
        context.Response.Cookies.Append(CookieName, _protector.Protect($"{reportId:N}.{session:N}", clock.GetUtcNow().Add(Lifetime)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            Path = "/Track",
            MaxAge = Lifetime,
        });
    }

    /// <summary>Ends the tracking session on the server too: a copy of the cookie opens nothing afterwards.</summary>
    public async Task RevokeAsync(HttpContext context, CancellationToken ct)
    {
        if (Read(context) is { } grant)
        {
            await sessions.EndAsync(grant.Session, ct);
        }
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/Track" });
    }

    private (Guid Report, Guid Session)? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var cookie))
        {
            return null;
        }
        try
        {
            var parts = _protector.Unprotect(cookie).Split('.');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var report) && Guid.TryParseExact(parts[1], "N", out var session)
                ? (report, session) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Expired or forged: no access.
            return null;
        }
    }

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
        if (allowed is null && Read(context) is { } grant && (id is null || id == grant.Report) && await sessions.IsLiveAsync(grant.Session, ct))
        {
            allowed = grant.Report;
        }
        return allowed is null ? null : await db.Reports
            .Include(r => r.Events.Where(e => e.Public).OrderBy(e => e.At))
            .Include(r => r.People)
            .Include(r => r.Attachments.Where(a => a.DeletedAt == null))
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == allowed, ct);
    }
}

using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Services;

/// <summary>
/// Which reports a staff member may see: those queued in one of their jurisdictions (a province or city
/// includes everything inside it) and not excluded for them. Every staff query and handler starts here,
/// so a list, a count, a search and a page agree; a report outside is a 404, never a hint.
/// </summary>
public sealed class StaffAccess(AppDbContext db, TimeProvider clock, IOptions<PetitionsOptions> options, Jurisdictions jurisdictions)
{
    public static Guid UserId(ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);

    /// <summary>
    /// The staff member as Core's permissions see them: a supervisor (or an admin) or an officer, with the facts the
    /// two-person rule needs (whether they manage accounts, whether their account is in standing, whose accounts
    /// they vouched for), read from the primary each time so that a change takes effect at once.
    /// </summary>
    public async Task<Actor> ActorAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = UserId(user);
        var standingSince = clock.GetUtcNow().AddDays(-options.Value.StaffConfirmationWaitDays);
        var inStanding = await db.Users.AnyAsync(u => u.Id == id && (u.AwaitingConfirmationSince == null || u.AwaitingConfirmationSince <= standingSince), ct);
        var vouched = await db.Users
            .Where(u => u.CreatedById == id || u.LastChangedById == id || u.ConfirmedById == id)
            .Select(u => u.Id).ToListAsync(ct);
        return new Actor(Roles.Supervising.Any(user.IsInRole) ? ActorRole.Supervisor : ActorRole.Officer, id)
        {
            ManagesAccounts = user.IsInRole(Roles.Admin),
            InStanding = inStanding,
            Vouched = vouched.ToHashSet(),
        };
    }

    public Task<IQueryable<Report>> VisibleAsync(ClaimsPrincipal user, CancellationToken ct) => VisibleAsync(user, db, ct);

    /// <summary>
    /// The reports this person may see, listed through <paramref name="source"/> (the read replica for the queue's list).
    /// The person's jurisdictions always come from the primary, so a narrowed jurisdiction takes effect at once.
    /// </summary>
    public async Task<IQueryable<Report>> VisibleAsync(ClaimsPrincipal user, AppDbContext source, CancellationToken ct)
    {
        var id = UserId(user);
        var reach = await jurisdictions.OfAsync(id, ct);
        // One OR per jurisdiction (few per person) on the queue's region code.
        return source.Reports.Where(r => r.QueueRegionCode != null && !source.Exclusions.Any(e => e.ReportId == r.Id && e.UserId == id))
            .Within(r => r.QueueRegionCode, reach);
    }

    /// <summary>The report if this staff member may see it, else null (the caller answers 404).</summary>
    public async Task<Report?> FindAsync(ClaimsPrincipal user, Guid reportId, CancellationToken ct) =>
        await (await VisibleAsync(user, ct)).Where(r => r.Id == reportId).SingleOrDefaultAsync(ct);

    /// <summary>Another report this person may see, by its tracking number (with or without the dash).</summary>
    public async Task<Report?> FindByNumberAsync(ClaimsPrincipal user, string? number, Guid except, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }
        var normalized = Core.Tracking.TrackingCodes.NormalizeTrackingNumber(number) ?? number.Trim();
        return await (await VisibleAsync(user, ct)).Where(r => r.TrackingNumber == normalized && r.Id != except).SingleOrDefaultAsync(ct);
    }
}

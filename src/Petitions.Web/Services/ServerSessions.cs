using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Services;

/// <summary>
/// Sessions that end on the server: a sign-in cookie and a /Track cookie each carry a random session id, and
/// are believed only while its row exists. Signing out or ending a tracking session deletes the row, so a
/// replayed copy of the old cookie is refused at once (not at its next security-stamp check).
/// </summary>
public sealed class ServerSessions(AppDbContext db, TimeProvider clock)
{
    public async Task<Guid> StartAsync(TimeSpan lifetime, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // Expired rows go as new ones arrive: the table holds only sessions that could still be live.
        await db.ServerSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var id = Guid.NewGuid();
        await db.Database.ExecuteSqlAsync($"""INSERT INTO server_sessions ("Id", "ExpiresAt") VALUES ({id}, {now.Add(lifetime)})""", ct);
        return id;
    }

    public async Task<bool> IsLiveAsync(Guid id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return await db.ServerSessions.AnyAsync(s => s.Id == id && s.ExpiresAt >= now, ct);
    }

    public Task EndAsync(Guid id, CancellationToken ct = default) =>
        db.ServerSessions.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
}

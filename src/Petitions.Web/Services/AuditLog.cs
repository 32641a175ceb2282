using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Data;

namespace Petitions.Web.Services;

/// <summary>
/// The append-only audit log. Appending takes a transaction-scoped advisory lock, reads the last entry and
/// chains onto it, so entries from every instance form one line. A database trigger refuses UPDATE and DELETE.
/// </summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock)
{
    private const long LockKey = 0x5045_5449_4155_4454; // "PETIAUDT"

    public async Task AppendAsync(Guid? actorId, AuditAction action, Guid? reportId, string detail, CancellationToken ct = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(ct, async token =>
        {
            var own = db.Database.CurrentTransaction is null;
            var tx = own ? await db.Database.BeginTransactionAsync(token) : null;
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", token);
                var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id)
                    .Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(token);
                var entry = new AuditEntry
                {
                    Id = (last?.Id ?? 0) + 1,
                    At = clock.GetUtcNow(),
                    ActorId = actorId,
                    Action = action,
                    ReportId = reportId,
                    Detail = detail.Length > 1000 ? detail[..1000] : detail,
                    PreviousHash = last?.Hash ?? AuditChain.Genesis,
                    Hash = [],
                };
                // Stored times have microsecond precision: hash what will be read back.
                entry.At = new DateTimeOffset(entry.At.UtcTicks - entry.At.UtcTicks % 10, TimeSpan.Zero);
                entry.Hash = AuditChain.Compute(entry);
                db.AuditEntries.Add(entry);
                await db.SaveChangesAsync(token);
                if (tx is not null)
                {
                    await tx.CommitAsync(token);
                }
            }
            finally
            {
                if (tx is not null)
                {
                    await tx.DisposeAsync();
                }
            }
        });
    }

    /// <summary>Verifies the whole chain in pages; the first broken entry's id, or null when intact.</summary>
    public async Task<(long Checked, long? FirstBroken)> VerifyAsync(CancellationToken ct = default)
    {
        var previous = AuditChain.Genesis;
        long after = 0, count = 0;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id).Take(5000).ToListAsync(ct);
            if (page.Count == 0)
            {
                return (count, null);
            }
            // A missing id (a deleted row) breaks the chain at the entry after the gap.
            if (AuditChain.FirstBroken(page, ref previous) is { } broken)
            {
                // Every entry before the broken one, in this page and the ones before, was verified.
                return (count + page.Count(e => e.Id < broken), broken);
            }
            count += page.Count;
            after = page[^1].Id;
        }
    }
}

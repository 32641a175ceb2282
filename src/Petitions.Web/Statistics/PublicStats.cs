using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Statistics;

/// <summary>
/// The newest public snapshot, kept in memory with what /Stats shows beside it (the kinds' labels and the campaigns'
/// totals, read again whenever the snapshot is confirmed, once a minute). A request asks the database which snapshot is
/// newest at most once a second (<see cref="Recheck"/>); this process's own refresh makes the next request ask at once.
/// A snapshot changes once a minute at most, so a page is never more than a second behind it, and a crowd hammering
/// /Stats costs the database one index lookup a second.
/// </summary>
public sealed class PublicStatsCache
{
    private volatile Entry? _entry;
    private long _trustedUntil; // Environment.TickCount64, milliseconds
    private long _generation; // moved by Invalidate: a read begun before it is not trusted after it

    /// <summary>How long the newest snapshot's id is trusted without asking the database again.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    public sealed record Entry(long Id, DateTimeOffset AsOf, IReadOnlyDictionary<string, RegionFigures> Regions,
        IReadOnlyList<Core.Reports.ReportKind> Kinds, IReadOnlyList<PublicCampaigns.Totals> Campaigns);

    /// <summary>The entry checked against the database within <see cref="Recheck"/>, or null: ask with <see cref="GetAsync"/>.</summary>
    public Entry? Recent => Environment.TickCount64 < Interlocked.Read(ref _trustedUntil) ? _entry : null;

    /// <summary>A snapshot was written or confirmed by this process: the next request reads it.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Interlocked.Exchange(ref _trustedUntil, 0);
    }

    private void Trust(long checkedAt, long generation)
    {
        if (Interlocked.Read(ref _generation) == generation)
        {
            Interlocked.Exchange(ref _trustedUntil, checkedAt + (long)Recheck.TotalMilliseconds);
        }
    }

    public async Task<Entry?> GetAsync(AppDbContext db, CancellationToken ct)
    {
        var checkedAt = Environment.TickCount64;
        var generation = Interlocked.Read(ref _generation);
        var newest = await db.StatsSnapshots.OrderByDescending(s => s.Id).Select(s => new { s.Id, s.AsOf }).FirstOrDefaultAsync(ct);
        if (newest is null)
        {
            return null;
        }
        var entry = _entry;
        if (entry is not null && entry.Id == newest.Id && entry.AsOf == newest.AsOf)
        {
            Trust(checkedAt, generation);
            return entry;
        }
        var kinds = await db.ReportKinds.AsNoTracking().OrderBy(k => k.SortOrder).ToListAsync(ct);
        var campaigns = await PublicCampaigns.LoadAsync(db, ct);
        var regions = entry is not null && entry.Id == newest.Id
            ? entry.Regions // the same figures, confirmed as of a later time (nothing had moved)
            : JsonSerializer.Deserialize<Dictionary<string, RegionFigures>>(
                await db.StatsSnapshots.Where(s => s.Id == newest.Id).Select(s => s.PublicJson).SingleAsync(ct)) ?? [];
        _entry = entry = new Entry(newest.Id, newest.AsOf, regions, kinds, campaigns);
        Trust(checkedAt, generation);
        return entry;
    }
}

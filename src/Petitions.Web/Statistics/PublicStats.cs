using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Statistics;

/// <summary>The newest public snapshot, read once per refresh and kept in memory (it changes once a minute at most).</summary>
public sealed class PublicStatsCache
{
    private volatile Entry? _entry;

    public sealed record Entry(long Id, DateTimeOffset AsOf, IReadOnlyDictionary<string, RegionFigures> Regions);

    public async Task<Entry?> GetAsync(AppDbContext db, CancellationToken ct)
    {
        var newest = await db.StatsSnapshots.OrderByDescending(s => s.Id).Select(s => new { s.Id, s.AsOf }).FirstOrDefaultAsync(ct);
        if (newest is null)
        {
            return null;
        }
        var entry = _entry;
        if (entry is not null && entry.Id == newest.Id && entry.AsOf != newest.AsOf)
        {
            // The same figures, confirmed as of a later time (nothing had moved).
            _entry = entry = entry with { AsOf = newest.AsOf };
        }
        if (entry is null || entry.Id != newest.Id)
        {
            var json = await db.StatsSnapshots.Where(s => s.Id == newest.Id).Select(s => s.PublicJson).SingleAsync(ct);
            entry = new Entry(newest.Id, newest.AsOf, JsonSerializer.Deserialize<Dictionary<string, RegionFigures>>(json) ?? []);
            _entry = entry;
        }
        return entry;
    }
}

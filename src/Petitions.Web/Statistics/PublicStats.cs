using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Statistics;

/// <summary>
/// The newest public snapshot, kept in memory with what /Stats shows beside it (the kinds' labels and the campaigns'
/// totals, read again whenever the snapshot is confirmed, once a minute): a request asks the database only which
/// snapshot is newest, one index lookup.
/// </summary>
public sealed class PublicStatsCache
{
    private volatile Entry? _entry;

    public sealed record Entry(long Id, DateTimeOffset AsOf, IReadOnlyDictionary<string, RegionFigures> Regions,
        IReadOnlyList<Core.Reports.ReportKind> Kinds, IReadOnlyList<PublicCampaigns.Totals> Campaigns);

    public async Task<Entry?> GetAsync(AppDbContext db, CancellationToken ct)
    {
        var newest = await db.StatsSnapshots.OrderByDescending(s => s.Id).Select(s => new { s.Id, s.AsOf }).FirstOrDefaultAsync(ct);
        if (newest is null)
        {
            return null;
        }
        var entry = _entry;
        if (entry is not null && entry.Id == newest.Id && entry.AsOf == newest.AsOf)
        {
            return entry;
        }
        var kinds = await db.ReportKinds.AsNoTracking().OrderBy(k => k.SortOrder).ToListAsync(ct);
        var campaigns = await PublicCampaigns.LoadAsync(db, ct);
        var regions = entry is not null && entry.Id == newest.Id
            ? entry.Regions // the same figures, confirmed as of a later time (nothing had moved)
            : JsonSerializer.Deserialize<Dictionary<string, RegionFigures>>(
                await db.StatsSnapshots.Where(s => s.Id == newest.Id).Select(s => s.PublicJson).SingleAsync(ct)) ?? [];
        _entry = entry = new Entry(newest.Id, newest.AsOf, regions, kinds, campaigns);
        return entry;
    }
}

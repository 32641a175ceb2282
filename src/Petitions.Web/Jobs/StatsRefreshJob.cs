using System.Diagnostics;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Data;
using Petitions.Web.Statistics;

namespace Petitions.Web.Jobs;

/// <summary>
/// Folds the reports' latest changes into the figures, then recomputes the public, suppressed figures for the provinces
/// whose figures moved (the others are copied from the previous snapshot) and stores them as a snapshot with its time.
/// Runs every minute: /Stats changes at most once a minute. A new year, a new kind of report or a first snapshot
/// recomputes every province.
/// </summary>
public sealed class StatsRefreshJob(AppDbContext db, StatsFolding folding, PublicStatsBuilder builder, PublicStatsCache cache, TimeProvider clock,
    Microsoft.AspNetCore.OutputCaching.IOutputCacheStore pages, ILogger<StatsRefreshJob> logger)
{
    public const string Id = "stats-refresh";
    private const int Kept = 20;

    [DisableConcurrentExecution(900)]
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var asOf = clock.GetUtcNow();
        await folding.FoldAsync(ct);
        var dirty = await db.Database.SqlQueryRaw<DirtyProvince>("SELECT province::text AS \"Province\", mark AS \"Mark\" FROM stats_dirty").ToListAsync(ct);
        var previous = await cache.GetAsync(db, ct);
        var kinds = await db.ReportKinds.OrderBy(k => k.SortOrder).Select(k => k.Code).ToListAsync(ct);
        if (previous is not null && dirty.Count == 0)
        {
            // Nothing moved: the figures stand, as of now.
            await db.StatsSnapshots.Where(s => s.Id == previous.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.AsOf, asOf), ct);
            await ForgetAsync(ct);
            return;
        }
        var provinces = dirty.Select(d => d.Province).ToList();
        await db.Database.OpenConnectionAsync(ct);
        Dictionary<string, RegionFigures> figures;
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            figures = await builder.BuildAsync(connection, kinds, ct, previous is null ? null : provinces);
            if (previous is not null && !SameParts(previous.Regions, figures))
            {
                figures = await builder.BuildAsync(connection, kinds, ct);
                provinces.Clear();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        if (previous is not null && provinces.Count > 0)
        {
            foreach (var (code, region) in previous.Regions.Where(r => !provinces.Contains(r.Key[..2])))
            {
                figures[code] = region;
            }
        }
        var snapshot = new StatsSnapshot { AsOf = asOf, PublicJson = JsonSerializer.Serialize(figures) };
        db.StatsSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        await db.StatsSnapshots.Where(s => s.Id <= snapshot.Id - Kept).ExecuteDeleteAsync(ct);
        await ForgetAsync(ct);
        foreach (var done in dirty)
        {
            // A province changed again meanwhile keeps its newer mark, and its place in the next run.
            await db.Database.ExecuteSqlAsync($"DELETE FROM stats_dirty WHERE province = {done.Province} AND mark = {done.Mark}", ct);
        }
        logger.LogInformation("Public statistics recomputed for {Provinces} provinces in {Milliseconds} ms",
            provinces.Count == 0 ? figures.Keys.Count(k => k.EndsWith("0000", StringComparison.Ordinal)) : provinces.Count, watch.ElapsedMilliseconds);
    }

    /// <summary>This process's pages show the new snapshot (or its new time) from the next request on.</summary>
    private async Task ForgetAsync(CancellationToken ct)
    {
        cache.Invalidate();
        await pages.EvictByTagAsync(Infrastructure.PublicPageCache.StatsTag, ct);
    }

    /// <summary>The year and kind breakdowns have the same parts in the new figures as in the previous ones.</summary>
    private static bool SameParts(IReadOnlyDictionary<string, RegionFigures> previous, Dictionary<string, RegionFigures> fresh)
    {
        static string Parts(RegionFigures f, string dim) => f.Dims.TryGetValue(dim, out var values) ? string.Join(',', values.Keys) : "";
        var before = previous.Values.FirstOrDefault();
        var after = fresh.Values.FirstOrDefault();
        return before is null || after is null ||
            (Parts(before, StatsDims.Year) == Parts(after, StatsDims.Year) && Parts(before, "kind") == Parts(after, "kind"));
    }

    private sealed record DirtyProvince(string Province, long Mark);
}

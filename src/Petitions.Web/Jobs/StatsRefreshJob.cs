using System.Diagnostics;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Data;
using Petitions.Web.Statistics;

namespace Petitions.Web.Jobs;

/// <summary>
/// Rebuilds the statistics views (concurrently: readers keep the previous figures meanwhile), then computes
/// the public, suppressed figures from them and stores both moments as one snapshot. Runs every 5 minutes by
/// default, so the "as of" time on /Stats and /Oversight is never more than 15 minutes old.
/// </summary>
public sealed class StatsRefreshJob(AppDbContext db, PublicStatsBuilder builder, Core.Policy.TimeLimitPolicy policy, TimeProvider clock, ILogger<StatsRefreshJob> logger)
{
    public const string Id = "stats-refresh";
    private const int Kept = 20;

    [DisableConcurrentExecution(900)]
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var asOf = clock.GetUtcNow();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        // Months are counted in the portal's time zone: the views read it from this transaction's setting.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(token);
            await db.Database.ExecuteSqlAsync($"SELECT set_config('petitions.time_zone', {policy.TimeZoneId}, true)", token);
            // The views belong to the migrating role: the site refreshes them through its function, owning nothing itself.
            await db.Database.ExecuteSqlRawAsync("SELECT refresh_statistics()", token);
            await tx.CommitAsync(token);
        });
        var kinds = await db.ReportKinds.OrderBy(k => k.SortOrder).Select(k => k.Code).ToListAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        Dictionary<string, RegionFigures> figures;
        try
        {
            figures = await builder.BuildAsync((NpgsqlConnection)db.Database.GetDbConnection(), kinds, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        var snapshot = new StatsSnapshot { AsOf = asOf, PublicJson = JsonSerializer.Serialize(figures) };
        db.StatsSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        await db.StatsSnapshots.Where(s => s.Id <= snapshot.Id - Kept).ExecuteDeleteAsync(ct);
        logger.LogInformation("Statistics refreshed in {Milliseconds} ms", watch.ElapsedMilliseconds);
    }
}

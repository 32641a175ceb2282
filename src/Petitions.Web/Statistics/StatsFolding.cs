using System.Data;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Statistics;

/// <summary>
/// The three ways the statistics tables move (their SQL is in the IncrementalStatistics migration): a fold of the reports
/// changed since the last one, a comparison with a count from scratch, and a count from scratch replacing them. Each
/// runs in one transaction with the portal's time zone set, so months are counted where the portal is.
/// </summary>
public sealed class StatsFolding(AppDbContext db, Core.Policy.TimeLimitPolicy policy, TimeProvider clock)
{
    /// <summary>Folds the noted changes; returns how many reports moved.</summary>
    public Task<int> FoldAsync(CancellationToken ct) =>
        InTransactionAsync(IsolationLevel.ReadCommitted, $"SELECT stats_fold({clock.GetUtcNow()}) AS \"Value\"", ct);

    /// <summary>Counts everything from the reports and replaces the figures; returns how many reports were counted.</summary>
    public Task<int> RebuildAsync(CancellationToken ct) =>
        InTransactionAsync(IsolationLevel.ReadCommitted, $"SELECT stats_rebuild() AS \"Value\"", ct);

    /// <summary>
    /// The cells where the figures (with the changes not yet folded) differ from a count from scratch, both read in one
    /// snapshot: zero unless a change escaped the trigger or the time zone changed.
    /// </summary>
    public Task<int> CompareAsync(CancellationToken ct) =>
        InTransactionAsync(IsolationLevel.RepeatableRead, $"SELECT (cube_cells + days_cells)::int AS \"Value\" FROM stats_compare()", ct);

    private Task<int> InTransactionAsync(IsolationLevel isolation, FormattableString sql, CancellationToken ct)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        return db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(isolation, token);
            await db.Database.ExecuteSqlAsync($"SELECT set_config('petitions.time_zone', {policy.TimeZoneId}, true)", token);
            var result = await db.Database.SqlQuery<int>(sql).SingleAsync(token);
            await tx.CommitAsync(token);
            return result;
        });
    }
}

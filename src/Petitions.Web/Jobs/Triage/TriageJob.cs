using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Jobs.Triage;

/// <summary>
/// Claims reports owed triage and hands each to <see cref="TriageReport"/>. New reports are the outbox
/// (TriagedAt is null until triage commits). A submission raises the <see cref="TriageSignal"/>, which enqueues
/// one <see cref="DrainAsync"/> unless one is already waiting; the drain claims pending reports in small batches
/// (FOR NO KEY UPDATE SKIP LOCKED, so drains on several instances never collide) with a few parallel loops. A
/// burst of reports is thus a handful of Hangfire jobs, not one per report. <see cref="RunAsync"/> triages one
/// report by id, with the very same code.
/// </summary>
public sealed class TriageJob(
    IServiceScopeFactory scopes, IServiceProvider services, AppDbContext db, IBackgroundJobClient jobs,
    Microsoft.Extensions.Options.IOptions<Infrastructure.PetitionsOptions> options, ILogger<TriageJob> logger, Infrastructure.PetitionsMetrics metrics)
{
    /// <summary>Reports claimed per transaction by a drain loop.</summary>
    public const int BatchSize = 20;

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800])]
    [Queue("critical")]
    public async Task RunAsync(Guid reportId, CancellationToken ct)
    {
        var notify = await BatchAsync(services, $"SELECT r.*, r.xmin FROM reports r WHERE r.\"Id\" = {reportId} AND r.\"TriagedAt\" IS NULL FOR NO KEY UPDATE", ct);
        AfterCommit(notify);
    }

    /// <summary>Triages every pending report, in parallel loops of small batches, until none is left.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800])]
    [Queue("critical")]
    public async Task DrainAsync(CancellationToken ct)
    {
        await TriageSignal.ClearAsync(db, ct);
        var loops = Math.Max(1, options.Value.TriageParallelism);
        var total = (await Task.WhenAll(Enumerable.Range(0, loops).Select(_ => DrainLoopAsync(ct)))).Sum();
        if (total > 0)
        {
            logger.LogInformation("Triaged {Count} reports", total);
        }
    }

    private async Task<int> DrainLoopAsync(CancellationToken ct)
    {
        var count = 0;
        while (!ct.IsCancellationRequested)
        {
            using var scope = scopes.CreateScope();
            var notify = await BatchAsync(scope.ServiceProvider,
                $"SELECT r.*, r.xmin FROM reports r WHERE r.\"TriagedAt\" IS NULL ORDER BY r.\"SubmittedAt\" LIMIT {BatchSize} FOR NO KEY UPDATE SKIP LOCKED", ct);
            if (notify is null)
            {
                return count;
            }
            count += notify.Triaged;
            AfterCommit(notify);
        }
        return count;
    }

    private sealed record BatchResult(int Triaged, List<Guid> Notify);

    /// <summary>
    /// Claims reports with <paramref name="claim"/> (row locks) and triages each in one transaction, replayed
    /// whole on a transient failure; null when none was claimed.
    /// </summary>
    private static async Task<BatchResult?> BatchAsync(IServiceProvider scope, FormattableString claim, CancellationToken ct)
    {
        var context = scope.GetRequiredService<AppDbContext>();
        var triage = scope.GetRequiredService<TriageReport>();
        return await context.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
        {
            context.ChangeTracker.Clear();
            await using var tx = await context.Database.BeginTransactionAsync(token);
            var reports = await context.Reports.FromSql(claim).ToListAsync(token);
            if (reports.Count == 0)
            {
                return null;
            }
            // Triage's statements are the same for every report, and their best plans do not depend on the report:
            // planned once per connection, not again for each (DataSetup.Tuned).
            await context.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_generic_plan", token);
            var rules = await triage.LoadRulesAsync(token);
            var ids = reports.Select(r => r.Id).ToList();
            var people = (await context.NamedPeople.Where(p => ids.Contains(p.ReportId)).ToListAsync(token)).ToLookup(p => p.ReportId);
            var notify = new List<Guid>();
            var rows = new TriageRows();
            foreach (var report in reports)
            {
                if (await triage.TriageAsync(report, [.. people[report.Id]], rules, rows, token) > 0)
                {
                    notify.Add(report.Id);
                }
            }
            await rows.WriteAsync(context, token);
            await context.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            return new BatchResult(reports.Count, notify);
        });
    }

    private void AfterCommit(BatchResult? result)
    {
        if (result is { Triaged: > 0 })
        {
            metrics.ReportsTriaged.Add(result.Triaged);
        }
        foreach (var id in result?.Notify ?? [])
        {
            jobs.Enqueue<NotificationJob>(j => j.SendForReportAsync(id, CancellationToken.None));
        }
    }
}

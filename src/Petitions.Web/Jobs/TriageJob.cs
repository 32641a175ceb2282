using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Regions;
using Petitions.Data;

namespace Petitions.Web.Jobs;

/// <summary>
/// Triage of one new report: routing to the responsible jurisdiction's queue. Takes an id only;
/// check-then-mark happens under a row lock in one transaction, so running it twice changes nothing.
/// </summary>
public sealed class TriageJob(AppDbContext db, RegionCatalogue regions, TimeProvider clock, ILogger<TriageJob> logger)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800])]
    [Queue("critical")]
    public async Task RunAsync(Guid reportId, CancellationToken ct)
    {
        // The retrying strategy replays the whole unit, transaction included, on a transient failure.
        var triaged = await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token => await TriageOnceAsync(reportId, token));
        if (!triaged)
        {
            return;
        }
        logger.LogInformation("Report {ReportId} triaged", reportId);
    }

    private async Task<bool> TriageOnceAsync(Guid reportId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var report = await db.Reports
            .FromSql($"SELECT r.*, r.xmin FROM reports r WHERE r.\"Id\" = {reportId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (report is null || report.TriagedAt is not null)
        {
            // Gone, or already triaged by an earlier run: nothing to do.
            return false;
        }
        // Routing: the most specific known jurisdiction of the report's region (county, else city,
        // else province). Admin-editable routing rules refine this (see the triage issue).
        var lineage = regions.Lineage(report.RegionCode);
        report.QueueRegionCode = lineage.Count > 0 ? lineage[0].Code : report.RegionCode;
        report.TriagedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}

/// <summary>
/// The outbox: a report whose triage job was lost (a crash between commit and enqueue) is still
/// untriaged after a minute; this recurring job enqueues it again. Triage is idempotent.
/// </summary>
public sealed class TriageOutboxJob(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string Id = "triage-outbox";

    [DisableConcurrentExecution(60)]
    public async Task RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddMinutes(-1);
        var owed = await db.Reports.Where(r => r.TriagedAt == null && r.SubmittedAt < cutoff)
            .OrderBy(r => r.SubmittedAt).Select(r => r.Id).Take(1000).ToListAsync(ct);
        foreach (var id in owed)
        {
            jobs.Enqueue<TriageJob>(j => j.RunAsync(id, CancellationToken.None));
        }
    }
}

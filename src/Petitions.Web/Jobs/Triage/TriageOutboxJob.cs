using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Jobs;

/// <summary>
/// The outbox: a report whose triage job was lost (a crash between commit and enqueue) is still
/// untriaged after a minute; this recurring job enqueues it again. Triage is idempotent. Notifications
/// still unsent after a minute are sent again the same way.
/// </summary>
public sealed class TriageOutboxJob(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string Id = "triage-outbox";

    [DisableConcurrentExecution(60)]
    public async Task RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddMinutes(-1);
        if (await db.Reports.AnyAsync(r => r.TriagedAt == null && r.SubmittedAt < cutoff, ct))
        {
            jobs.Enqueue<TriageJob>(j => j.DrainAsync(CancellationToken.None));
        }
        var unsent = await db.Notifications.Where(n => n.SentAt == null && n.CreatedAt < cutoff)
            .Select(n => n.ReportId).Distinct().Take(1000).ToListAsync(ct);
        foreach (var id in unsent)
        {
            jobs.Enqueue<NotificationJob>(j => j.SendForReportAsync(id, CancellationToken.None));
        }
    }
}

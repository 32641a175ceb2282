using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Triage;
using Petitions.Data;

namespace Petitions.Web.Jobs.Triage;

/// <summary>
/// The outbox, every 10 seconds. A drain clears the triage signal the moment it starts, so a signal still set
/// beside a report waiting more than <see cref="StuckAfter"/> means the drain it announced was lost (a crash killed
/// it, or killed the process before it ran): a drain is enqueued again. A report still waiting after a minute
/// (a drain that died half-way, with the signal already cleared) is re-driven the same way. Triage is
/// idempotent, so a re-drive never triages twice. Notifications still unsent after a minute are sent again.
/// </summary>
public sealed class TriageOutboxJob(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string Id = "triage-outbox";

    /// <summary>How long a report may wait beside a set signal before its drain counts as lost.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(10);

    [DisableConcurrentExecution(60)]
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddMinutes(-1);
        var stuck = now - StuckAfter;
        var pending = await db.Database.SqlQuery<bool>($"SELECT \"Pending\" AS \"Value\" FROM triage_signal WHERE \"Id\" = 1").SingleOrDefaultAsync(ct);
        if (await db.Reports.AnyAsync(r => r.TriagedAt == null && r.SubmittedAt < (pending ? stuck : cutoff), ct))
        {
            jobs.Enqueue<TriageJob>(j => j.DrainAsync(CancellationToken.None));
        }
        // Immediate mails whose job was lost; digests are sent after each sweep, and a lost one goes with the next.
        var unsent = await db.Notifications.Where(n => n.SentAt == null && n.CreatedAt < cutoff && n.Kind == NotificationKind.NewReport
                && db.Users.Any(u => u.Id == n.UserId && !u.NewReportsInDigest))
            .Select(n => n.ReportId).Distinct().Take(1000).ToListAsync(ct);
        foreach (var id in unsent)
        {
            jobs.Enqueue<NotificationJob>(j => j.SendForReportAsync(id, CancellationToken.None));
        }
    }
}

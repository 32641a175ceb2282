using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Jobs;

/// <summary>
/// Every 15 minutes: marks open reports due soon or overdue. Each threshold crossed (a deadline, its due time,
/// and "due soon" or "overdue") is recorded once in deadline_alerts; only a new crossing notifies: due soon goes
/// to the assignee (or the queue's officers), overdue is escalated to the jurisdiction's supervisors.
/// An extension gives a new due time, so its crossings count afresh.
/// </summary>
public sealed class TimeLimitSweepJob(
    AppDbContext db, TimeLimitPolicy policy, StaffQueries staff, TimeProvider clock,
    IBackgroundJobClient jobs, ILogger<TimeLimitSweepJob> logger)
{
    public const string Id = "time-limit-sweep";
    private const int Batch = 500;

    [DisableConcurrentExecution(900)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // An administrator's change of a regime in another process is picked up here.
        await Services.Regimes.LoadAsync(db, policy, ct);
        await RecomputeProvisionalAsync(now, ct);
        var horizon = now.AddDays(policy.DueSoonDays);
        // Open reports whose deadline is near or past, those marked earlier (an extension may clear them) and those not
        // yet triaged, each set read from the index that holds it. Walking the table in id order instead read every page
        // of ten million reports (8 s, once every sweep) to find the few thousand open ones.
        var ids = await db.Reports.Where(r => r.DueAt != null && r.DueAt <= horizon).Select(r => r.Id)
            .Union(db.Reports.Where(r => r.DueAt != null && r.DueState == DueState.DueSoon).Select(r => r.Id))
            .Union(db.Reports.Where(r => r.DueAt != null && r.DueState == DueState.Overdue).Select(r => r.Id))
            .Union(db.Reports.Where(r => r.TriagedAt == null && r.DueAt != null && r.DueState != DueState.OnTime).Select(r => r.Id))
            .ToListAsync(ct);
        ids.Sort();
        var crossings = 0;
        foreach (var batch in ids.Chunk(Batch))
        {
            var reports = await db.Reports.Where(r => batch.Contains(r.Id) && r.DueAt != null && (r.DueAt <= horizon || r.DueState != DueState.OnTime))
                .OrderBy(r => r.Id).ToListAsync(ct);
            crossings += await SweepBatchAsync(reports, now, ct);
            db.ChangeTracker.Clear();
        }
        if (crossings > 0)
        {
            logger.LogInformation("Time-limit sweep: {Count} thresholds crossed", crossings);
        }
        // One mail per person for everything this sweep found (and new reports of those who chose the digest).
        jobs.Enqueue<NotificationJob>(j => j.SendDigestsAsync(CancellationToken.None));
        return crossings;
    }

    /// <summary>
    /// Due dates counted into a year without an official calendar were provisional (every day counted); once the year's
    /// calendar is loaded they are computed again. Only those before the first year still missing are read.
    /// </summary>
    private async Task RecomputeProvisionalAsync(DateTimeOffset now, CancellationToken ct)
    {
        var year = policy.LocalDay(now).Year;
        while (policy.Calendar.Covers(year))
        {
            year++;
        }
        var before = policy.DayStartUtc(new DateOnly(year, 1, 1));
        var open = ReportStatuses.Open;
        var reports = await db.Reports.Include(r => r.Events)
            .Where(r => r.DueProvisional && r.DueAt != null && r.DueAt < before && open.Contains(r.Status))
            .Take(Batch).ToListAsync(ct);
        foreach (var report in reports)
        {
            report.RecomputeDeadlines(policy);
        }
        if (reports.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Recomputed {Count} provisional due dates", reports.Count);
        }
        db.ChangeTracker.Clear();
    }

    private async Task<int> SweepBatchAsync(List<Report> reports, DateTimeOffset now, CancellationToken ct)
    {
        var ids = reports.Select(r => r.Id).ToList();
        var seen = (await db.DeadlineAlerts.Where(a => ids.Contains(a.ReportId)).Select(a => new { a.ReportId, a.Deadline, a.State, a.Due }).ToListAsync(ct))
            .Select(a => (a.ReportId, a.Deadline, a.State, a.Due)).ToHashSet();
        var excluded = (await db.Exclusions.Where(e => ids.Contains(e.ReportId)).Select(e => new { e.ReportId, e.UserId }).ToListAsync(ct))
            .ToLookup(e => e.ReportId, e => e.UserId);
        var crossings = 0;
        foreach (var report in reports)
        {
            if (report.CurrentDeadline is not { } current)
            {
                continue;
            }
            var (deadline, due) = current;
            var state = policy.StateOf(due, now);
            report.DueState = state;
            if (state is not (DueState.DueSoon or DueState.Overdue) || seen.Contains((report.Id, deadline, state, due)))
            {
                continue;
            }
            crossings++;
            db.DeadlineAlerts.Add(new DeadlineAlert { ReportId = report.Id, Deadline = deadline, State = state, Due = due, At = now });
            var queue = report.QueueRegionCode ?? report.RegionCode;
            List<Guid> recipients;
            NotificationKind kind;
            if (state == DueState.Overdue)
            {
                kind = NotificationKind.Overdue;
                recipients = await staff.CoveringAsync(queue, [Roles.Supervisor], ct);
                report.EscalatedAt ??= now;
                report.Events.Add(new ReportEvent { ReportId = report.Id, At = now, Kind = ReportEventKind.Escalated, Public = false });
            }
            else
            {
                kind = NotificationKind.DueSoon;
                recipients = report.AssigneeId is { } assignee ? [assignee] : await staff.CoveringAsync(queue, [Roles.Officer], ct);
            }
            var threshold = $"{deadline}:{due.UtcDateTime:yyyy-MM-ddTHH:mm}";
            foreach (var user in recipients.Except(excluded[report.Id]))
            {
                db.Notifications.Add(new Notification { ReportId = report.Id, UserId = user, Kind = kind, Threshold = threshold, CreatedAt = now });
            }
        }
        await db.SaveChangesAsync(ct);
        return crossings;
    }
}

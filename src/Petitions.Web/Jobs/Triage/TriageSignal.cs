using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Jobs.Triage;

/// <summary>
/// "There are reports to triage": one row whose flag is set by submissions and cleared by a starting drain.
/// Only the submission that flips it enqueues a drain, so a burst enqueues a handful of jobs, while a report
/// committed after a drain started flips it again and gets a drain of its own.
/// </summary>
public static class TriageSignal
{
    public static async Task RaiseAsync(AppDbContext db, IBackgroundJobClient jobs, CancellationToken ct)
    {
        var flipped = await db.Database.ExecuteSqlAsync($"UPDATE triage_signal SET \"Pending\" = true WHERE \"Id\" = 1 AND NOT \"Pending\"", ct);
        if (flipped > 0)
        {
            jobs.Enqueue<TriageJob>(j => j.DrainAsync(CancellationToken.None));
        }
    }

    public static Task ClearAsync(AppDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"UPDATE triage_signal SET \"Pending\" = false WHERE \"Id\" = 1", ct);
}

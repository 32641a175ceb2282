using System.ComponentModel.DataAnnotations;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Jobs;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days after a report is finished (closed, not accepted or withdrawn) before its personal data goes.</summary>
    [Range(30, 36_500)]
    public int DaysAfterClosure { get; set; } = 1095;
}

/// <summary>
/// Retention: a configured time after a report is finished, its attachments (files and rows' storage), the
/// reporter's contact data and the link to the reporter's account are deleted. Kind, region, dates, amounts,
/// finding and outcome stay, so the statistics do not change.
/// </summary>
public sealed class RetentionJob(AppDbContext db, AttachmentStore store, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger)
{
    public const string Id = "retention";

    [DisableConcurrentExecution(3600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.DaysAfterClosure);
        var purged = 0;
        while (true)
        {
            var batch = await db.Reports.Include(r => r.Attachments)
                .Where(r => r.PurgedAt == null && ReportStatuses.Finished.Contains(r.Status) && r.AnsweredAt != null && r.AnsweredAt < cutoff)
                .OrderBy(r => r.AnsweredAt).Take(200).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var report in batch)
            {
                foreach (var attachment in report.Attachments.Where(a => a.DeletedAt is null))
                {
                    store.Delete(attachment.StorageKey);
                    attachment.DeletedAt = now;
                }
                report.ContactProtected = null;
                report.ReporterKey = null;
                report.LegacyReporterId = null;
                report.IdentityProtected = null;
                report.PurgedAt = now;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            purged += batch.Count;
        }
        if (purged > 0)
        {
            logger.LogInformation("Retention: personal data removed from {Count} finished reports", purged);
        }
        return purged;
    }
}

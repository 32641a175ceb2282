using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Jobs;

/// <summary>
/// Sends the mails owed for one report (rows written by triage or the sweep). A row is locked while its mail
/// goes out and marked sent in the same transaction, so parallel or repeated runs do not send it twice.
/// The mail carries no report text and nothing about the reporter: a link only.
/// </summary>
public sealed class NotificationJob(AppDbContext db, LocalizedMailer mailer, TimeProvider clock, ILogger<NotificationJob> logger)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 60, 300, 1800, 3600])]
    public async Task SendForReportAsync(Guid reportId, CancellationToken ct)
    {
        await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var owed = await db.Notifications
                .FromSql($"SELECT * FROM notifications WHERE \"ReportId\" = {reportId} AND \"SentAt\" IS NULL FOR UPDATE SKIP LOCKED")
                .ToListAsync(token);
            if (owed.Count == 0)
            {
                return;
            }
            var userIds = owed.Select(n => n.UserId).ToList();
            var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, token);
            var link = mailer.Link($"/Staff/Report/{reportId}");
            foreach (var n in owed)
            {
                if (users.TryGetValue(n.UserId, out var user) && !user.Disabled && !string.IsNullOrEmpty(user.Email))
                {
                    var (subject, body) = n.Kind switch
                    {
                        NotificationKind.DueSoon => ("Mail.DueSoon.Subject", "Mail.DueSoon.Body"),
                        NotificationKind.Overdue => ("Mail.Overdue.Subject", "Mail.Overdue.Body"),
                        _ => ("Mail.NewReport.Subject", "Mail.NewReport.Body"),
                    };
                    await mailer.SendAsync(user, subject, body, [link], $"notification-{n.Id}", token);
                }
                n.SentAt = clock.GetUtcNow();
                await db.SaveChangesAsync(token);
            }
            await tx.CommitAsync(token);
            logger.LogInformation("Sent {Count} notifications for report {ReportId}", owed.Count, reportId);
        });
    }
}

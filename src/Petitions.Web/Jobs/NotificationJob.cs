using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Jobs;

/// <summary>
/// Sends the mails owed to staff (rows written by triage or the sweep). New reports go at once to whoever wants
/// them so; everything else, and new reports for whoever chose the digest, goes in one digest per person per sweep:
/// counts by kind, the tracking numbers with links, and a link to the queue. Rows are locked while their mail goes
/// out and marked sent in the same transaction, so parallel or repeated runs do not send twice. A mail carries no
/// report text and nothing about the reporter.
/// </summary>
public sealed class NotificationJob(AppDbContext db, LocalizedMailer mailer, TimeProvider clock, ILogger<NotificationJob> logger)
{
    /// <summary>Tracking numbers listed per kind in a digest; the rest are counted, with a link to the queue.</summary>
    public const int ListedPerKind = 20;

    /// <summary>A new report, mailed at once to those who did not choose the digest.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 60, 300, 1800, 3600])]
    public async Task SendForReportAsync(Guid reportId, CancellationToken ct) =>
        await SendAsync(() => db.Notifications.FromSql($"""
            SELECT n.* FROM notifications n JOIN "AspNetUsers" u ON u."Id" = n."UserId"
            WHERE n."ReportId" = {reportId} AND n."SentAt" IS NULL AND n."Kind" = {nameof(NotificationKind.NewReport)} AND NOT u."NewReportsInDigest"
            FOR UPDATE OF n SKIP LOCKED
            """), ct);

    /// <summary>Everything still owed, one mail per person (run after each sweep).</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 60, 300, 1800, 3600])]
    public async Task SendDigestsAsync(CancellationToken ct) =>
        await SendAsync(() => db.Notifications.FromSql($"""SELECT * FROM notifications WHERE "SentAt" IS NULL FOR UPDATE SKIP LOCKED"""), ct);

    /// <summary>Locks the rows <paramref name="owed"/> selects, sends one mail per person, marks them sent, in one transaction.</summary>
    private async Task SendAsync(Func<IQueryable<Notification>> owed, CancellationToken ct)
    {
        await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var rows = await owed().ToListAsync(token);
            if (rows.Count == 0)
            {
                return;
            }
            var userIds = rows.Select(n => n.UserId).Distinct().ToList();
            var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, token);
            var reportIds = rows.Select(n => n.ReportId).Distinct().ToList();
            var numbers = await db.Reports.Where(r => reportIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.TrackingNumber, token);
            foreach (var group in rows.GroupBy(n => n.UserId))
            {
                if (users.TryGetValue(group.Key, out var user) && !user.Disabled && !string.IsNullOrEmpty(user.Email))
                {
                    var mine = group.OrderBy(n => n.Id).ToList();
                    await mailer.SendComposedAsync(user, l => Compose(l, mine, numbers), $"notification-{mine[0].Id}-{mine.Count}", token);
                }
                foreach (var n in group)
                {
                    n.SentAt = clock.GetUtcNow();
                }
            }
            await db.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            logger.LogInformation("Sent {Mails} mails for {Count} notifications", rows.Select(n => n.UserId).Distinct().Count(), rows.Count);
        });
    }

    private (string Subject, string Body) Compose(Microsoft.Extensions.Localization.IStringLocalizer l, List<Notification> rows, Dictionary<Guid, string> numbers)
    {
        var counts = Enum.GetValues<NotificationKind>().ToDictionary(k => k, k => rows.Count(n => n.Kind == k));
        if (rows.Count == 1)
        {
            // One report: the short mail, with its link.
            var (subject, body) = rows[0].Kind switch
            {
                NotificationKind.DueSoon => ("Mail.DueSoon.Subject", "Mail.DueSoon.Body"),
                NotificationKind.Overdue => ("Mail.Overdue.Subject", "Mail.Overdue.Body"),
                _ => ("Mail.NewReport.Subject", "Mail.NewReport.Body"),
            };
            return (l[subject], l[body, mailer.Link($"/Staff/Report/{rows[0].ReportId}")]);
        }
        var text = new StringBuilder();
        text.Append(l["Mail.Digest.Intro"].Value).Append("\n\n");
        foreach (var (kind, view) in new[] { (NotificationKind.Overdue, "overdue"), (NotificationKind.DueSoon, "duesoon"), (NotificationKind.NewReport, "queue") })
        {
            var ofKind = rows.Where(n => n.Kind == kind).Select(n => n.ReportId).Distinct().ToList();
            if (ofKind.Count == 0)
            {
                continue;
            }
            text.Append(l["Mail.Digest." + kind, ofKind.Count].Value).Append('\n');
            foreach (var id in ofKind.Take(ListedPerKind))
            {
                text.Append("  ").Append(numbers.GetValueOrDefault(id, "?")).Append("  ").Append(mailer.Link($"/Staff/Report/{id}")).Append('\n');
            }
            if (ofKind.Count > ListedPerKind)
            {
                text.Append("  ").Append(l["Mail.Digest.More", ofKind.Count - ListedPerKind, mailer.Link($"/Staff?view={view}")].Value).Append('\n');
            }
            text.Append('\n');
        }
        text.Append(l["Mail.Digest.Footer", mailer.Link("/Account/Manage")].Value);
        return (l["Mail.Digest.Subject", counts[NotificationKind.NewReport], counts[NotificationKind.DueSoon], counts[NotificationKind.Overdue]], text.ToString());
    }
}

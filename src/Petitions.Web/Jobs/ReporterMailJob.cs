using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Jobs;

/// <summary>
/// Sends the mails owed to real-name reporters (rows written with the change that causes them). The address is
/// read from the report's sealed identity at sending time and never stored elsewhere; the mail names the event
/// and the tracking number, carries a link to "My reports", and no part of the report. A row is locked while its
/// mail goes out and marked sent in the same transaction, so parallel or repeated runs do not send it twice.
/// Enqueued after each change; the recurring run catches a row whose enqueue was lost.
/// </summary>
public sealed class ReporterMailJob(AppDbContext db, LocalizedMailer mailer, ReporterIdentities identities, TimeProvider clock, ILogger<ReporterMailJob> logger)
{
    public const string Id = "reporter-mail";
    private const int Batch = 100;

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 60, 300, 1800, 3600])]
    public async Task<int> SendOwedAsync(CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var count = await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(token);
                var owed = await db.ReporterNotices
                    .FromSql($"SELECT * FROM reporter_notices WHERE \"SentAt\" IS NULL ORDER BY \"Id\" LIMIT {Batch} FOR UPDATE SKIP LOCKED")
                    .ToListAsync(token);
                if (owed.Count == 0)
                {
                    return 0;
                }
                var ids = owed.Select(n => n.ReportId).Distinct().ToList();
                var reports = await db.Reports.Where(r => ids.Contains(r.Id))
                    .Select(r => new { r.Id, r.TrackingNumber, r.Culture, r.IdentityProtected })
                    .ToDictionaryAsync(r => r.Id, token);
                var link = mailer.Link("/Track/Mine");
                var formalIds = owed.Where(n => n.FormalNoticeId is not null).Select(n => n.FormalNoticeId!.Value).ToList();
                var formal = await db.FormalNotices.AsNoTracking().Where(n => formalIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, token);
                foreach (var notice in owed)
                {
                    if (reports.TryGetValue(notice.ReportId, out var report) && identities.Open(report.IdentityProtected)?.Email is { Length: > 0 } address)
                    {
                        // A formal notice is named (title and number), never copied into the mail: a mailbox may be read by
                        // others, so its text stays on the site, behind the reporter's sign-in or number and key.
                        var letter = notice.FormalNoticeId is { } id ? formal.GetValueOrDefault(id) : null;
                        await mailer.SendAsync(address, report.Culture, "Mail.Reporter.Subject", $"Mail.Reporter.{notice.Kind}",
                            [report.TrackingNumber, link], letter is null ? null : ("Mail.Reporter.NoticeIssued", [letter.Title, letter.Number]),
                            $"reporter-notice-{notice.Id}", token);
                    }
                    notice.SentAt = clock.GetUtcNow();
                }
                await db.SaveChangesAsync(token);
                await tx.CommitAsync(token);
                return owed.Count;
            });
            if (count == 0)
            {
                break;
            }
            sent += count;
        }
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} reporter notices", sent);
        }
        return sent;
    }
}

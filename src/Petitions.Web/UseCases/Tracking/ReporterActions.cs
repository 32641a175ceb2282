using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Tracking;

/// <summary>
/// The reporter's use cases: reply (with files), ask for a review, withdraw. Each resolves the report the visitor
/// may see (tracking cookie or account), asks Core whether the reporter may take the step now, and saves it
/// with its audit entry in one transaction. Staff or triage may save the report meanwhile: the step is then
/// applied again to the fresh report, if still allowed, rather than lost or shown as done when it was not.
/// </summary>
public sealed class ReporterActions(AppDbContext db, Transaction transaction, TrackAccess access, AuditLog audit, TimeLimitPolicy policy, TimeProvider clock)
{
    private const int Attempts = 3;

    public Task<Outcome> ReplyAsync(HttpContext http, Guid? id, string text, IReadOnlyList<StoredFile> files, CancellationToken ct) =>
        RunAsync(http, id, ReportAction.Reply, (report, now) =>
        {
            report.ReporterReply(text, now);
            // Added explicitly: a new attachment with its id already set must be inserted, never taken for an update.
            db.Attachments.AddRange(files.RequireClean().Select(f => new Attachment
            {
                Id = Guid.NewGuid(), ReportId = report.Id, DisplayName = f.DisplayName, ContentType = f.ContentType, Length = f.Length,
                StorageKey = f.StorageKey, AddedAt = now,
            }));
        }, "Track.Replied", ct);

    public Task<Outcome> RequestReviewAsync(HttpContext http, Guid? id, string reason, CancellationToken ct) =>
        RunAsync(http, id, ReportAction.RequestReview, (report, now) => report.RequestReview(reason, now, policy), "Track.ReviewRequested", ct);

    public Task<Outcome> WithdrawAsync(HttpContext http, Guid? id, CancellationToken ct) =>
        RunAsync(http, id, ReportAction.Withdraw, (report, now) => report.Withdraw(null, now), "Track.Withdrawn", ct);

    private async Task<Outcome> RunAsync(HttpContext http, Guid? id, ReportAction action, Action<Report, DateTimeOffset> apply, string notice, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                return await transaction.RunAsync(async token =>
                {
                    if (await access.ResolveAsync(http, id, token) is not { } report)
                    {
                        return Outcome.NotFound;
                    }
                    var now = clock.GetUtcNow();
                    if (!ReportPermissions.Can(report, Actor.Reporter, action, policy, now))
                    {
                        return Outcome.NotAllowed("Track.NotNow");
                    }
                    apply(report, now);
                    await db.SaveChangesAsync(token);
                    // Who the reporter is never enters the audit log: no actor, the step's name only.
                    await audit.AppendAsync(null, AuditAction.ReporterAction, report.Id, action.ToString(), token);
                    return Outcome.Done(notice);
                }, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
            }
        }
        return Outcome.Stale("Track.Changed");
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Notices;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Reports;

/// <summary>
/// The staff use cases on one report: each action of the state machine, a message to the reporter and an
/// internal note. Each loads the report the person may see, asks Core whether the action is allowed for them
/// now, applies it through the domain, and saves it with its audit entry in one transaction.
/// </summary>
public sealed class ReportActions(
    AppDbContext db, Transaction transaction, StaffAccess access, AuditLog audit, TimeLimitPolicy policy, TimeProvider clock,
    UserManager<AppUser> users, StaffQueries staff, IWorkQueue work, Notices notices, Core.Regions.RegionCatalogue regions)
{
    /// <summary>The longest message, note or reason a form accepts.</summary>
    public const int MaxText = 10_000;

    /// <summary>The shadow property mapped to PostgreSQL's xmin (optimistic concurrency).</summary>
    private const string VersionProperty = "Version";

    public async Task<Outcome> ActAsync(ClaimsPrincipal user, Guid reportId, ReportAction action, StaffActionInput input, CancellationToken ct)
    {
        var outcome = await RunAsync(user, reportId, input.Version, ReporterNoticeKinds.After(action), async (report, actor, now, token) =>
        {
            if (!ReportPermissions.Can(report, actor, action, policy, now))
            {
                return (Outcome.NotAllowed("Staff.NotNow"), "");
            }
            return await ApplyAsync(user, report, actor.UserId!.Value, action, input, now, token);
        }, ct, NoticeKinds.For(action));
        if (outcome.Succeeded && action == ReportAction.TransferWithin)
        {
            // It waits for triage in the receiving jurisdiction.
            await work.TriageOwedAsync(ct);
        }
        return outcome;
    }

    public Task<Outcome> MessageAsync(ClaimsPrincipal user, Guid reportId, string? text, Guid? submission, CancellationToken ct) =>
        RunAsync(user, reportId, null, ReporterNoticeKind.Message, async (report, actor, now, token) =>
        {
            if (Required("Input.Text", text) is { } refused)
            {
                return (refused, "");
            }
            if (await AlreadySavedAsync(reportId, submission, token))
            {
                return (Outcome.Done("Staff.AlreadySaved"), "");
            }
            if (!ReportPermissions.CanMessageReporter(report, actor))
            {
                return (Outcome.NotAllowed("Staff.NotNow"), "");
            }
            report.MessageReporter(actor.UserId!.Value, text!.Trim(), now, submission);
            return (Outcome.Done("Staff.MessageSent"), "MessageToReporter");
        }, ct);

    public Task<Outcome> NoteAsync(ClaimsPrincipal user, Guid reportId, string? note, Guid? submission, CancellationToken ct) =>
        RunAsync(user, reportId, null, null, async (report, actor, now, token) =>
        {
            if (Required("Input.Note", note) is { } refused)
            {
                return (refused, "");
            }
            if (await AlreadySavedAsync(reportId, submission, token))
            {
                return (Outcome.Done("Staff.AlreadySaved"), "");
            }
            report.AddInternalNote(actor.UserId!.Value, note!.Trim(), now, submission);
            return (Outcome.Done("Staff.NoteAdded"), "InternalNote");
        }, ct);

    private Task<bool> AlreadySavedAsync(Guid reportId, Guid? submission, CancellationToken ct) =>
        submission is { } id ? db.Set<ReportEvent>().AnyAsync(e => e.ReportId == reportId && e.SubmissionId == id, ct) : Task.FromResult(false);

    /// <summary>The most reports one bulk action takes (one page of the queue is 50).</summary>
    public const int MaxBulk = 100;

    /// <summary>
    /// The same action on several reports, each exactly as if taken on its own page: its own permission check,
    /// state machine, transaction and audit entry. Returns what was done and, for each refused report, why.
    /// </summary>
    public async Task<BulkResult> BulkAsync(ClaimsPrincipal user, IReadOnlyList<Guid> ids, ReportAction action, Guid? assignee, CancellationToken ct)
    {
        var done = 0;
        var refused = new List<(Guid Id, Outcome Outcome)>();
        foreach (var id in ids.Distinct().Take(MaxBulk))
        {
            var input = new StaffActionInput { AssigneeId = assignee };
            var outcome = await RunAsync(user, id, null, ReporterNoticeKinds.After(action), async (report, actor, now, token) =>
                !ReportPermissions.Can(report, actor, action, policy, now)
                    ? (Outcome.NotAllowed("Staff.NotNow"), "")
                    : await ApplyAsync(user, report, actor.UserId!.Value, action, input, now, token), ct, NoticeKinds.For(action));
            if (outcome.Succeeded)
            {
                done++;
            }
            else
            {
                refused.Add((id, outcome));
            }
        }
        return new BulkResult(done, refused);
    }

    private delegate Task<(Outcome Outcome, string AuditDetail)> Step(Report report, Actor actor, DateTimeOffset now, CancellationToken ct);

    /// <summary>What a real-name reporter is told by mail after an action; null: nothing.</summary>
    /// <summary>
    /// Loads the visible report, runs the step, and saves it with its audit entry (and, for a real-name report,
    /// the mail owed to its reporter) in one transaction; the mail job is woken after the commit.
    /// </summary>
    private async Task<Outcome> RunAsync(ClaimsPrincipal user, Guid reportId, uint? version, ReporterNoticeKind? notice, Step step, CancellationToken ct, NoticeKind? formal = null)
    {
        var actor = await access.ActorAsync(user, ct);
        var owed = false;
        try
        {
            var result = await transaction.RunAsync(async token =>
            {
                if (await access.FindAsync(user, reportId, token) is not { } report)
                {
                    return Outcome.NotFound;
                }
                if (version is { } expected)
                {
                    // Saved against the version the officer's page showed: a newer version wins, this one is refused.
                    db.Entry(report).Property<uint>(VersionProperty).OriginalValue = expected;
                }
                var now = clock.GetUtcNow();
                var (outcome, detail) = await step(report, actor, now, token);
                // Succeeded with nothing to record (the same form posted again): nothing is saved, told or audited.
                if (outcome.Succeeded && detail.Length > 0)
                {
                    owed = notice is { } kind && report.IdentityProtected is not null;
                    // The formal notice the step owes (acceptance, decline, transfer, reply), numbered and kept on the report;
                    // a real-name reporter's mail names it.
                    var issued = formal is { } formalKind ? await notices.IssueAsync(report, formalKind, actor.UserId, now, token) : null;
                    if (owed)
                    {
                        db.ReporterNotices.Add(new ReporterNotice { ReportId = report.Id, Kind = notice!.Value, FormalNoticeId = issued?.Id, CreatedAt = now });
                    }
                    await db.SaveChangesAsync(token);
                    await audit.AppendAsync(actor.UserId, AuditAction.ReportAction, reportId, detail, token);
                }
                return outcome;
            }, ct);
            if (result.Succeeded && owed)
            {
                work.ReporterMailOwed();
            }
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale("Staff.Stale");
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two posts of the same form at once: the other one saved it.
            return Outcome.Done("Staff.AlreadySaved");
        }
    }

    private async Task<(Outcome, string)> ApplyAsync(ClaimsPrincipal user, Report report, Guid me, ReportAction action, StaffActionInput input, DateTimeOffset now, CancellationToken ct)
    {
        var detail = action.ToString();
        switch (action)
        {
            case ReportAction.Claim:
                report.Claim(me, now);
                return (Outcome.Done("Staff.Done.Claim"), detail);
            case ReportAction.Assign:
                var officer = input.AssigneeId is { } chosen ? await users.FindByIdAsync(chosen.ToString()) : null;
                if (officer is null || !await staff.MayWorkAsync(report, officer.Id, ct))
                {
                    return (Outcome.Invalid("Input.AssigneeId", "Staff.Assign.Unknown"), "");
                }
                report.Assign(officer.Id, me, now);
                return (Outcome.Done("Staff.Done.Assign", officer.DisplayName ?? officer.Email ?? ""), $"Assign → {officer.Id}");
            case ReportAction.Accept:
                report.Accept(me, now, policy);
                return (Outcome.Done("Staff.Done.Accept"), detail);
            case ReportAction.Decline:
                if (Required("Input.Reason", input.Reason) is { } noReason)
                {
                    return (noReason, "");
                }
                report.Decline(me, input.Reason!.Trim(), now);
                return (Outcome.Done("Staff.Done.Decline"), detail);
            case ReportAction.StartVerification:
                report.StartVerification(me, now);
                return (Outcome.Done("Staff.Done.StartVerification"), detail);
            case ReportAction.RequestExtension:
                var maxDays = policy.MaxExtensionFor(report.RegimeCode);
                if (input.Days is not { } days || days < 1 || days > maxDays)
                {
                    return (Outcome.Invalid("Input.Days", "Staff.Extension.Days", maxDays), "");
                }
                if (Required("Input.Reason", input.Reason) is { } noWhy)
                {
                    return (noWhy, "");
                }
                report.RequestExtension(me, days, input.Reason!.Trim(), now, policy);
                return (Outcome.Done("Staff.Done.RequestExtension", days), $"{detail}: {days}");
            case ReportAction.ApproveExtension:
                report.ApproveExtension(me, now, policy);
                return (Outcome.Done("Staff.Done.ApproveExtension"), $"{detail}: {report.ExtensionDays}");
            case ReportAction.RefuseExtension:
                if (Required("Input.Reason", input.Reason) is { } noRefusal)
                {
                    return (noRefusal, "");
                }
                report.RefuseExtension(me, input.Reason!.Trim(), now);
                return (Outcome.Done("Staff.Done.RefuseExtension"), detail);
            case ReportAction.RecordFinding:
                if (input.Finding is not { } finding)
                {
                    return (Outcome.Invalid("Input.Finding", "Validation.Required"), "");
                }
                if (Required("Input.Text", input.Text) is { } noSummary)
                {
                    return (noSummary, "");
                }
                report.RecordFinding(me, finding, input.Text!.Trim(), now);
                return (Outcome.Done("Staff.Done.RecordFinding"), $"{detail}: {finding}");
            case ReportAction.Refer:
                if (input.Referral is not { } referral)
                {
                    return (Outcome.Invalid("Input.Referral", "Validation.Required"), "");
                }
                report.Refer(me, referral, now);
                return (Outcome.Done("Staff.Done.Refer"), $"{detail}: {referral}");
            case ReportAction.RecordOutcome:
                report.RecordOutcome(me, input.MoneyStopped ?? 0, input.MoneyRecovered ?? 0, input.PeopleSanctioned ?? 0, input.PeopleReferred ?? 0, now);
                return (Outcome.Done("Staff.Done.RecordOutcome"), detail);
            case ReportAction.Close:
                if (Required("Input.Text", input.Text) is { } noFeedback)
                {
                    return (noFeedback, "");
                }
                report.Close(me, input.Text!.Trim(), now);
                return (Outcome.Done("Staff.Done.Close"), detail);
            case ReportAction.Merge:
                var target = await access.FindByNumberAsync(user, input.MergeInto, report.Id, ct);
                if (target is null)
                {
                    return (Outcome.Invalid("Input.MergeInto", "Staff.Merge.Unknown"), "");
                }
                report.MergeInto(target.Id, me, now);
                return (Outcome.Done("Staff.Done.Merge", target.TrackingNumber), $"Merge → {target.TrackingNumber}");
            case ReportAction.Reopen:
                report.Reopen(me, now, policy);
                return (Outcome.Done("Staff.Done.Reopen"), detail);
            case ReportAction.Transfer:
                if (input.TransferTo is not { } body || body == TransferBody.Jurisdiction)
                {
                    return (Outcome.Invalid("Input.TransferTo", "Validation.Required"), "");
                }
                if ((Required("Input.Receiver", input.Receiver) ?? Required("Input.Reason", input.Reason)) is { } noTransfer)
                {
                    return (noTransfer, "");
                }
                report.Transfer(me, body, input.Receiver!.Trim(), input.Reason!.Trim(), now);
                return (Outcome.Done("Staff.Done.Transfer", input.Receiver!.Trim()), $"{detail}: {body}");
            case ReportAction.TransferWithin:
                var region = regions.Find(regions.Resolve(input.TransferRegion));
                if (region is null || region.Code == (report.QueueRegionCode ?? report.RegionCode))
                {
                    return (Outcome.Invalid("Input.TransferRegion", "Staff.Transfer.Region"), "");
                }
                if (Required("Input.Reason", input.Reason) is { } noWhere)
                {
                    return (noWhere, "");
                }
                report.TransferWithin(me, region.Code, region.NameIn(true), input.Reason!.Trim(), now, policy);
                return (Outcome.Done("Staff.Done.Transfer", region.NameIn(System.Globalization.CultureInfo.CurrentUICulture.IsChinese())), $"{detail}: {region.Code}");
            default:
                // The reporter's own actions never reach here: Core refuses them to staff.
                return (Outcome.NotAllowed("Staff.NotNow"), "");
        }
    }

    private static Outcome? Required(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? Outcome.Invalid(field, "Validation.Required")
        : value.Length > MaxText ? Outcome.Invalid(field, "Validation.TooLong")
        : null;
}

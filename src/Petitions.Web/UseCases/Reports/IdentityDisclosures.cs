using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Reports;

/// <summary>
/// Disclosing a real-name reporter's identity takes two people: an officer asks with a reason, a supervisor who did
/// not ask approves or refuses. Each step is saved with its audit entry in one transaction; an approval also tells
/// the reporter, on their timeline, that their identity was disclosed to the handling unit. Only the requester then
/// sees the identity, and every time they do is audited.
/// </summary>
public sealed class IdentityDisclosures(
    AppDbContext db, Transaction transaction, StaffAccess access, AuditLog audit, ReporterIdentities identities, TimeProvider clock,
    IWorkQueue work)
{
    public Task<Outcome> RequestAsync(ClaimsPrincipal user, Guid reportId, string? reason, CancellationToken ct) =>
        transaction.RunAsync(async token =>
        {
            if (await access.FindAsync(user, reportId, token) is not { } report)
            {
                return Outcome.NotFound;
            }
            if (string.IsNullOrWhiteSpace(reason))
            {
                return Outcome.Invalid("Input.Reason", "Staff.Reveal.ReasonNeeded");
            }
            var actor = await access.ActorAsync(user, token);
            var existing = await db.IdentityDisclosures.Where(d => d.ReportId == reportId).ToListAsync(token);
            if (!IdentityDisclosure.CanRequest(report, actor, existing))
            {
                return Outcome.NotAllowed("Staff.Reveal.NotNow");
            }
            var request = new IdentityDisclosure { ReportId = reportId, RequestedBy = actor.UserId!.Value, Reason = reason.Trim(), RequestedAt = clock.GetUtcNow() };
            db.IdentityDisclosures.Add(request);
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(actor.UserId, AuditAction.RevealRequested, reportId, $"request {request.Id}: {request.Reason}", token);
            return Outcome.Done("Staff.Reveal.Requested");
        }, ct);

    public async Task<Outcome> DecideAsync(ClaimsPrincipal user, Guid reportId, long requestId, bool approve, string? reason, CancellationToken ct)
    {
        var outcome = await transaction.RunAsync(async token =>
        {
            if (await access.FindAsync(user, reportId, token) is not { } report
                || await db.IdentityDisclosures.SingleOrDefaultAsync(d => d.Id == requestId && d.ReportId == reportId, token) is not { } request)
            {
                return Outcome.NotFound;
            }
            var actor = await access.ActorAsync(user, token);
            if (!request.CanDecide(actor))
            {
                return Outcome.NotAllowed("Staff.SecondPerson");
            }
            var now = clock.GetUtcNow();
            if (approve)
            {
                request.Approve(actor, now);
                report.RecordIdentityDisclosed(now);
                db.ReporterNotices.Add(new ReporterNotice { ReportId = reportId, Kind = ReporterNoticeKind.IdentityDisclosed, CreatedAt = now });
            }
            else if (string.IsNullOrWhiteSpace(reason))
            {
                return Outcome.Invalid("Input.Reason", "Staff.Reveal.RefusalReason");
            }
            else
            {
                request.Refuse(actor, reason, now);
            }
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(actor.UserId, AuditAction.RevealDecided, reportId,
                $"request {request.Id} by {request.RequestedBy}: {(approve ? "approved" : "refused: " + request.DecisionReason)}", token);
            return Outcome.Done(approve ? "Staff.Reveal.Approved" : "Staff.Reveal.Refused");
        }, ct);
        if (outcome.Succeeded && approve)
        {
            work.ReporterMailOwed();
        }
        return outcome;
    }

    /// <summary>The identity, for the requester of an approved disclosure only; each showing is audited.</summary>
    public async Task<ReporterIdentity?> SeeAsync(ClaimsPrincipal user, Report report, IEnumerable<IdentityDisclosure> requests, CancellationToken ct)
    {
        var actor = await access.ActorAsync(user, ct);
        if (requests.FirstOrDefault(d => d.CanSee(actor)) is not { } approved || report.IdentityProtected is null)
        {
            return null;
        }
        await audit.AppendAsync(actor.UserId, AuditAction.RevealIdentity, report.Id, $"shown under request {approved.Id}", ct);
        return identities.Open(report.IdentityProtected);
    }
}

using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Matching;
using Petitions.Core.Policy;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Matching;

/// <summary>
/// An officer's outcome for one hit of a matching case: confirmed (payment stopped on a day, money to recover,
/// recovered) or a false positive with its reason. Who and when: <see cref="HitOutcomeRules.MayRecord"/> on the case as
/// this person may see it; the outcome and its audit entry commit together, and a decided hit is never decided again
/// nor changed by a later run.
/// </summary>
public sealed class HitOutcomes(AppDbContext db, StaffAccess access, Transaction transaction, AuditLog audit, TimeProvider clock, TimeLimitPolicy policy)
{
    public async Task<Outcome> RecordAsync(ClaimsPrincipal user, Guid reportId, long hitId, HitOutcome input, CancellationToken ct)
    {
        var actor = await access.ActorAsync(user, ct);
        return await transaction.RunAsync(async token =>
        {
            if (await access.FindAsync(user, reportId, token) is not { } report
                || await db.MatchHits.SingleOrDefaultAsync(h => h.Id == hitId && h.ReportId == reportId, token) is not { } hit)
            {
                return Outcome.NotFound;
            }
            if (!HitOutcomeRules.MayRecord(report, actor))
            {
                return Outcome.NotAllowed("Hit.NotAllowed");
            }
            if (hit.Decision is not null)
            {
                return Outcome.NotAllowed("Hit.AlreadyDecided");
            }
            var now = clock.GetUtcNow();
            if (HitOutcomeRules.Check(input, policy.LocalDay(now)) is [var problem, ..])
            {
                return Outcome.Invalid("Hit." + problem.Field, problem.MessageKey);
            }
            var confirmed = input.Decision == HitDecision.Confirmed;
            hit.Decision = input.Decision;
            hit.DecidedAt = now;
            hit.DecidedById = actor.UserId;
            hit.StoppedOn = confirmed ? input.StoppedOn : null;
            hit.ToRecover = confirmed ? input.ToRecover : null;
            hit.Recovered = confirmed ? input.Recovered ?? 0 : null;
            hit.FalsePositiveReason = confirmed ? null : input.Reason;
            hit.DecisionNote = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
            await db.SaveChangesAsync(token);
            var id = hit.Id.ToString(CultureInfo.InvariantCulture);
            await audit.AppendAsync(actor.UserId, AuditAction.ReportAction, reportId,
                confirmed ? $"hit {id} {hit.Rule}: confirmed" : $"hit {id} {hit.Rule}: false positive ({hit.FalsePositiveReason})", token);
            return Outcome.Done(confirmed ? "Hit.Confirmed" : "Hit.Dismissed");
        }, ct);
    }
}

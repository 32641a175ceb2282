using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Policy;
using Petitions.Core.Rewards;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Rewards;

/// <summary>
/// Paying a claimed reward: the paying office (a supervisor) asks to see the claimant's identity and account, a second
/// supervisor approves, and only the one who asked sees it (each showing audited) and records the payment (date,
/// reference, amount). Each step is saved with its audit entry in one transaction.
/// </summary>
public sealed class RewardPayments(
    AppDbContext db, Transaction transaction, StaffAccess access, AuditLog audit, ReporterIdentities identities, TimeLimitPolicy policy, TimeProvider clock)
{
    public Task<Outcome> RequestRevealAsync(ClaimsPrincipal user, Guid reportId, CancellationToken ct) =>
        StepAsync(user, reportId, (reward, actor) => reward.CanRequestReveal(actor), (reward, actor) => reward.RequestReveal(actor),
            "reward claim: reveal requested", "Reward.RevealRequested", ct);

    public Task<Outcome> ApproveRevealAsync(ClaimsPrincipal user, Guid reportId, CancellationToken ct) =>
        StepAsync(user, reportId, (reward, actor) => reward.CanApproveReveal(actor), (reward, actor) => reward.ApproveReveal(actor, clock.GetUtcNow()),
            "reward claim: reveal approved", "Reward.RevealApproved", ct);

    /// <summary>The claim in clear, for the person whose request a second approved; each showing is audited first.</summary>
    public async Task<RewardClaim?> SeeClaimAsync(ClaimsPrincipal user, Guid reportId, CancellationToken ct)
    {
        if (await access.FindAsync(user, reportId, ct) is null
            || await db.Rewards.AsNoTracking().SingleOrDefaultAsync(r => r.ReportId == reportId, ct) is not { } reward)
        {
            return null;
        }
        var actor = await access.ActorAsync(user, ct);
        if (!reward.CanSeeClaim(actor) || reward.ClaimProtected is null)
        {
            return null;
        }
        await audit.AppendAsync(actor.UserId, AuditAction.Reward, reportId, "reward claim shown", ct);
        return identities.OpenClaim(reward.ClaimProtected);
    }

    public Task<Outcome> RecordPaymentAsync(ClaimsPrincipal user, Guid reportId, DateOnly? paidOn, string? reference, decimal? amount, CancellationToken ct) =>
        transaction.RunAsync(async token =>
        {
            if (await access.FindAsync(user, reportId, token) is null
                || await db.Rewards.SingleOrDefaultAsync(r => r.ReportId == reportId, token) is not { } reward)
            {
                return Outcome.NotFound;
            }
            var actor = await access.ActorAsync(user, token);
            if (reward.Status != RewardStatus.Claimed || !reward.CanSeeClaim(actor))
            {
                return Outcome.NotAllowed("Reward.NotNow");
            }
            var today = policy.LocalDay(clock.GetUtcNow());
            if (paidOn is not { } day || day > today || reward.ClaimedAt is { } claimed && day < policy.LocalDay(claimed))
            {
                return Outcome.Invalid("Payment.PaidOn", "Reward.Payment.Day.Invalid");
            }
            if (string.IsNullOrWhiteSpace(reference) || reference.Trim().Length > 100)
            {
                return Outcome.Invalid("Payment.Reference", "Reward.Payment.Reference.Invalid");
            }
            if (amount is not { } paid || paid <= 0 || paid > reward.Amount)
            {
                return Outcome.Invalid("Payment.Amount", "Reward.Payment.Amount.Invalid");
            }
            reward.RecordPayment(actor, day, reference.Trim(), paid);
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(actor.UserId, AuditAction.Reward, reportId,
                string.Create(CultureInfo.InvariantCulture, $"reward paid: {paid:0.00} on {day:yyyy-MM-dd}"), token);
            return Outcome.Done("Reward.Paid");
        }, ct);

    private Task<Outcome> StepAsync(ClaimsPrincipal user, Guid reportId, Func<RewardCase, Core.Reports.Actor, bool> may,
        Action<RewardCase, Core.Reports.Actor> apply, string detail, string done, CancellationToken ct) =>
        transaction.RunAsync(async token =>
        {
            if (await access.FindAsync(user, reportId, token) is null
                || await db.Rewards.SingleOrDefaultAsync(r => r.ReportId == reportId, token) is not { } reward)
            {
                return Outcome.NotFound;
            }
            var actor = await access.ActorAsync(user, token);
            if (!may(reward, actor))
            {
                return Outcome.NotAllowed("Staff.SecondPerson");
            }
            apply(reward, actor);
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(actor.UserId, AuditAction.Reward, reportId, detail, token);
            return Outcome.Done(done);
        }, ct);
}

using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Policy;
using Petitions.Core.Rewards;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Rewards;

/// <summary>What a reporter sees of their reward on /Track: its state, the amount, the last day, the payment.</summary>
public sealed record RewardForReporter(RewardStatus Status, decimal Amount, DateOnly? ClaimBy, bool Lapsed, bool MayClaim,
    DateOnly? PaidOn, string? PaymentReference, decimal? PaidAmount);

/// <summary>
/// The reporter's claim, with the tracking number and key (or their account): an anonymous reporter stays anonymous
/// until they claim, and then gives a name, an identity number and an account in their own name, sealed at once like
/// a real-name identity. A claim after the last day is refused with the date. The audit entry names no one.
/// </summary>
public sealed class RewardClaims(AppDbContext db, Transaction transaction, TrackAccess access, AuditLog audit, ReporterIdentities identities,
    TimeLimitPolicy policy, TimeProvider clock)
{
    public async Task<RewardForReporter?> ForReporterAsync(Guid reportId, CancellationToken ct)
    {
        var reward = await db.Rewards.AsNoTracking().SingleOrDefaultAsync(r => r.ReportId == reportId && r.NotifiedOn != null, ct);
        if (reward is null)
        {
            return null;
        }
        var today = policy.LocalDay(clock.GetUtcNow());
        return new(reward.Status, reward.Amount, reward.ClaimBy, reward.LapsedOn(today), reward.MayClaim(today), reward.PaidOn, reward.PaymentReference, reward.PaidAmount);
    }

    public Task<Outcome> ClaimAsync(HttpContext http, Guid? id, string? name, string? idNumber, string? bank, string? account, bool declared, CancellationToken ct) =>
        transaction.RunAsync(async token =>
        {
            if (await access.ResolveAsync(http, id, token) is not { } report
                || await db.Rewards.SingleOrDefaultAsync(r => r.ReportId == report.Id, token) is not { } reward)
            {
                return Outcome.NotFound;
            }
            var today = policy.LocalDay(clock.GetUtcNow());
            if (reward.LapsedOn(today))
            {
                // Refused with the date.
                return new Outcome(OutcomeKind.NotAllowed, "Reward.Claim.Late", [reward.ClaimBy!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]);
            }
            if (!reward.MayClaim(today))
            {
                return Outcome.NotAllowed("Reward.Claim.NotNow");
            }
            if (RewardClaim.Check(name, idNumber, bank, account, declared).FirstOrDefault() is { Field: { } field } problem)
            {
                return Outcome.Invalid("Claim." + field, problem.MessageKey);
            }
            var claim = new RewardClaim(name!.Trim(), Core.Reports.ChineseIdNumber.Normalize(idNumber)!, bank!.Trim(), RewardClaim.AccountDigits(account)!);
            reward.Claim(identities.SealClaim(claim), today, clock.GetUtcNow());
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(null, AuditAction.Reward, report.Id, "reward claimed", token);
            return Outcome.Done("Reward.Claimed");
        }, ct);
}

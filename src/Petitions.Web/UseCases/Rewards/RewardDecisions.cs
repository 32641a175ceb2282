using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Notices;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Core.Rewards;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Rewards;

/// <summary>What the officer enters: the loss the findings confirm, who was reported, and (to refuse) the reason and a note.</summary>
public sealed record RewardInput(decimal? Loss, ReportedParty Party, RewardRefusal? Reason, string? Note);

/// <summary>Everything the case page shows of a report's reward, and what this person may do with it.</summary>
public sealed record RewardView(
    RewardRule? Rule, RewardCase? Case, RewardProposal Suggested, RewardAmount? SuggestedAmount, decimal SuggestedLoss,
    IReadOnlyList<SameMatter> SameMatter, DateOnly? NoticeDue, bool CanPropose, bool CanDecide, bool CanRequestReveal,
    bool CanApproveReveal, bool CanSeeClaim);

/// <summary>
/// The reward at conclusion: the portal proposes (the rule in force on the day of conclusion, the first reporter among
/// the reports on the same matter, the loss confirmed), the concluding officer confirms or refuses with a reason, and a
/// second supervisor approves or returns it. Approval issues the numbered notice the reporter reads on /Track (and is
/// mailed of, for a real-name report). Each step is saved with its audit entry in one transaction.
/// </summary>
public sealed class RewardDecisions(
    AppDbContext db, Transaction transaction, StaffAccess access, AuditLog audit, TimeLimitPolicy policy, RegionCatalogue regions,
    Notices notices, TimeProvider clock, IWorkQueue work, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
{
    /// <summary>The reward panel for this report, or null when no reward is decided for it (not a citizen's verified report).</summary>
    public async Task<RewardView?> ViewAsync(ClaimsPrincipal user, Report report, CancellationToken ct)
    {
        if (!RewardEligibility.Applies(report) || report.ConcludedAt is not { } concluded)
        {
            return null;
        }
        var actor = await access.ActorAsync(user, ct);
        var reward = await db.Rewards.AsNoTracking().SingleOrDefaultAsync(r => r.ReportId == report.Id, ct);
        var rule = await RuleAsync(report, reward, ct);
        var same = await SameMatterAsync(report, ct);
        var suggested = RewardEligibility.Propose(report, same);
        var loss = report.MoneyRecoveredYuan;
        var amount = suggested.Eligible ? rule?.Compute(loss, ReportedParty.Individual, suggested.Share) : null;
        var noticeDue = rule is null ? (DateOnly?)null : RewardEligibility.NoticeDue(rule, policy.LocalDay(concluded), policy.Calendar);
        return new(rule, reward, suggested, amount, loss, same, reward?.NoticeDue ?? noticeDue,
            CanPropose: rule is not null && MayPropose(report, actor) && (reward is null || reward.Status is RewardStatus.Proposed or RewardStatus.Returned),
            CanDecide: reward?.CanDecide(actor) == true,
            CanRequestReveal: reward?.CanRequestReveal(actor) == true,
            CanApproveReveal: reward?.CanApproveReveal(actor) == true,
            CanSeeClaim: reward?.CanSeeClaim(actor) == true);
    }

    /// <summary>The holder proposes (or a supervisor); the report must be concluded as true or partly true.</summary>
    private static bool MayPropose(Report report, Actor actor) =>
        report.Status is ReportStatus.Concluded or ReportStatus.Referred or ReportStatus.Closed
        && (actor.Role == ActorRole.Supervisor || (actor.UserId is { } me && report.AssigneeId == me));

    public Task<Outcome> ProposeAsync(ClaimsPrincipal user, Guid reportId, RewardInput input, CancellationToken ct) =>
        transaction.RunAsync(async token =>
        {
            if (await access.FindAsync(user, reportId, token) is not { } report)
            {
                return Outcome.NotFound;
            }
            var actor = await access.ActorAsync(user, token);
            var reward = await db.Rewards.SingleOrDefaultAsync(r => r.ReportId == reportId, token);
            if (!RewardEligibility.Applies(report) || report.ConcludedAt is not { } concluded || !MayPropose(report, actor)
                || reward?.Status is not (null or RewardStatus.Proposed or RewardStatus.Returned))
            {
                return Outcome.NotAllowed("Reward.NotNow");
            }
            if (input.Loss is not { } loss || loss < 0 || loss > 1_000_000_000_000m)
            {
                return Outcome.Invalid("Reward.Loss", "Reward.Loss.Invalid");
            }
            if (input.Reason is not null && string.IsNullOrWhiteSpace(input.Note))
            {
                return Outcome.Invalid("Reward.Note", "Reward.Note.Required");
            }
            if (await RuleAsync(report, null, token) is not { } rule)
            {
                return Outcome.NotAllowed("Reward.NoRule");
            }
            var proposal = RewardEligibility.Propose(report, await SameMatterAsync(report, token), input.Reason);
            var amount = proposal.Eligible ? rule.Compute(loss, input.Party, proposal.Share) : null;
            var now = clock.GetUtcNow();
            if (reward is null)
            {
                reward = new RewardCase { Id = Guid.NewGuid(), ReportId = report.Id, RuleId = rule.Id };
                db.Rewards.Add(reward);
            }
            reward.RuleId = rule.Id;
            reward.Propose(actor.UserId!.Value, proposal, amount, loss, input.Party, input.Note?.Trim(),
                RewardEligibility.NoticeDue(rule, policy.LocalDay(concluded), policy.Calendar), now);
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(actor.UserId, AuditAction.Reward, report.Id, reward.Eligible
                ? string.Create(CultureInfo.InvariantCulture, $"reward proposed: eligible, {reward.Amount:0.00}")
                : $"reward proposed: not eligible, {reward.Refusal}", token);
            return Outcome.Done(reward.Eligible ? "Reward.Proposed" : "Reward.ProposedRefusal");
        }, ct);

    public async Task<Outcome> DecideAsync(ClaimsPrincipal user, Guid reportId, bool approve, string? reason, CancellationToken ct)
    {
        var outcome = await transaction.RunAsync(async token =>
        {
            if (await access.FindAsync(user, reportId, token) is not { } report
                || await db.Rewards.SingleOrDefaultAsync(r => r.ReportId == reportId, token) is not { } reward)
            {
                return Outcome.NotFound;
            }
            var actor = await access.ActorAsync(user, token);
            if (!reward.CanDecide(actor))
            {
                return Outcome.NotAllowed("Staff.SecondPerson");
            }
            var now = clock.GetUtcNow();
            if (!approve)
            {
                if (string.IsNullOrWhiteSpace(reason))
                {
                    return Outcome.Invalid("Reward.ReturnReason", "Reward.ReturnReason.Required");
                }
                reward.Return(actor, reason.Trim(), now);
                await db.SaveChangesAsync(token);
                await audit.AppendAsync(actor.UserId, AuditAction.Reward, report.Id, $"reward returned: {reason.Trim()}", token);
                return Outcome.Done("Reward.Returned");
            }
            var rule = await db.RewardRules.AsNoTracking().SingleAsync(r => r.Id == reward.RuleId, token);
            var today = policy.LocalDay(now);
            var claimBy = RewardEligibility.ClaimBy(rule, today, policy.Calendar);
            reward.Approve(actor, today, claimBy, now);
            var notice = await notices.IssueAsync(report, reward.Eligible ? NoticeKind.RewardGranted : NoticeKind.RewardRefused, actor.UserId, now, token,
                chinese => Values(reward, rule, claimBy, chinese));
            reward.NoticeId = notice.Id;
            db.ReporterNotices.Add(new ReporterNotice { ReportId = report.Id, Kind = ReporterNoticeKind.Reward, CreatedAt = now, FormalNoticeId = notice.Id });
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(actor.UserId, AuditAction.Reward, report.Id, "reward approved", token);
            return Outcome.Done(reward.Eligible ? "Reward.Approved" : "Reward.ApprovedRefusal");
        }, ct);
        if (outcome.Succeeded && approve)
        {
            work.ReporterMailOwed();
        }
        return outcome;
    }

    /// <summary>The notice's own values: the amount, the last day to claim, the reason for a refusal, the rule.</summary>
    private Dictionary<string, string> Values(RewardCase reward, RewardRule rule, DateOnly claimBy, bool chinese) => new()
    {
        ["{amount}"] = chinese ? string.Create(CultureInfo.InvariantCulture, $"{reward.Amount:N2} 元") : string.Create(CultureInfo.InvariantCulture, $"CNY {reward.Amount:N2}"),
        ["{claim_by}"] = Notices.DateOf(claimBy, chinese),
        // The reason in the notice's language, and the officer's words to the reporter; never another report's number.
        ["{refusal}"] = reward.Refusal is { } refusal ? l["Reward.Refusal." + refusal].Value + (reward.Note is { } note ? "\n\n" + note : "") : "",
        ["{rule}"] = rule.Citation,
    };

    /// <summary>The rule of the report's province in force on the day it was concluded (the one already chosen, once proposed).</summary>
    private async Task<RewardRule?> RuleAsync(Report report, RewardCase? reward, CancellationToken ct)
    {
        if (reward is not null)
        {
            return await db.RewardRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reward.RuleId, ct);
        }
        var lineage = regions.Lineage(report.RegionCode);
        if (lineage.Count == 0)
        {
            return null;
        }
        var province = lineage[^1].Code;
        var candidates = await db.RewardRules.AsNoTracking().Where(r => r.ProvinceCode == province).ToListAsync(ct);
        return RewardRule.InForce(candidates, province, policy.LocalDay(report.ConcludedAt ?? clock.GetUtcNow()));
    }

    /// <summary>
    /// The reports on the same matter: those merged into this one, the one it was merged into, and those triage found
    /// possibly related (the same person, the same unit, near-duplicate text) in either direction.
    /// </summary>
    private async Task<List<SameMatter>> SameMatterAsync(Report report, CancellationToken ct)
    {
        var linked = db.ReportLinks.Where(l => l.ReportId == report.Id).Select(l => l.RelatedReportId)
            .Concat(db.ReportLinks.Where(l => l.RelatedReportId == report.Id).Select(l => l.ReportId));
        return await db.Reports.AsNoTracking()
            .Where(r => r.Id != report.Id && (r.MergedIntoId == report.Id || r.Id == report.MergedIntoId || linked.Contains(r.Id)))
            .OrderBy(r => r.SubmittedAt)
            .Select(r => new SameMatter(r.TrackingNumber, r.Source, r.SubmittedAt)).ToListAsync(ct);
    }
}

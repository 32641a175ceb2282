using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Rewards;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Rules;

/// <summary>A rule as the administrators' form gives it (already read: the page refuses what it cannot read).</summary>
public sealed record RewardRuleChange(int? Id, string ProvinceCode, DateOnly InForceFrom, string Citation, bool Confirmed, List<RewardBand> Bands,
    decimal Minimum, decimal Maximum, decimal? NoLossMinimum, decimal? NoLossMaximum, int NoticeWorkingDays, int ClaimWorkingDays);

/// <summary>
/// An administrator adds or changes a province's reward rule: saved with its audit entry in one transaction. A new
/// version of a province's rule is a new row from its day of entry into force, so a report concluded before that day
/// keeps the rule it was decided under; a reward already proposed keeps the rule it names.
/// </summary>
public sealed class RewardRuleEditing(AppDbContext db, Transaction transaction, AuditLog audit)
{
    public Task<Outcome> SaveAsync(Guid actorId, RewardRuleChange change, CancellationToken ct) =>
        transaction.RunAsync(async token =>
        {
            RewardRule? rule;
            if (change.Id is { } id)
            {
                if ((rule = await db.RewardRules.SingleOrDefaultAsync(r => r.Id == id, token)) is null)
                {
                    return Outcome.NotFound;
                }
            }
            else
            {
                rule = new RewardRule { ProvinceCode = change.ProvinceCode, Citation = change.Citation };
                db.RewardRules.Add(rule);
            }
            if (await db.RewardRules.AnyAsync(r => r.Id != rule.Id && r.ProvinceCode == change.ProvinceCode && r.InForceFrom == change.InForceFrom, token))
            {
                return Outcome.Invalid("Input.InForceFrom", "Admin.RewardRules.SameDay");
            }
            (rule.ProvinceCode, rule.InForceFrom, rule.Citation, rule.Confirmed, rule.Bands) =
                (change.ProvinceCode, change.InForceFrom, change.Citation, change.Confirmed, change.Bands);
            (rule.Minimum, rule.Maximum, rule.NoLossMinimum, rule.NoLossMaximum, rule.NoticeWorkingDays, rule.ClaimWorkingDays) =
                (change.Minimum, change.Maximum, change.NoLossMinimum, change.NoLossMaximum, change.NoticeWorkingDays, change.ClaimWorkingDays);
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(actorId, AuditAction.RuleChanged, null,
                FormattableString.Invariant($"reward rule {rule.ProvinceCode} from {rule.InForceFrom:yyyy-MM-dd} saved"), token);
            return Outcome.Done("Admin.RewardRules.Saved");
        }, ct);
}

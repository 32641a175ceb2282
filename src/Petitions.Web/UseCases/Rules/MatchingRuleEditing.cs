using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Rules;

/// <summary>
/// An administrator sets a risk rule's threshold and whether it runs: saved with its audit entry in one transaction;
/// the next matching run uses it. Hits already found stay as they were (a decided hit is never changed).
/// </summary>
public sealed class MatchingRuleEditing(AppDbContext db, Transaction transaction, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome> SaveAsync(Guid actorId, string code, int threshold, bool enabled, CancellationToken ct)
    {
        if (RiskRules.Check(code, threshold) is not null)
        {
            return Outcome.NotFound;
        }
        var rule = RiskRules.Find(code)!;
        return await transaction.RunAsync(async token =>
        {
            var setting = await db.MatchingRules.SingleOrDefaultAsync(r => r.Code == code, token);
            if (setting is null)
            {
                setting = new MatchingRuleSetting { Code = code, Threshold = rule.DefaultThreshold };
                db.MatchingRules.Add(setting);
            }
            var before = setting.Threshold;
            setting.Threshold = threshold;
            setting.Enabled = enabled;
            setting.UpdatedById = actorId;
            setting.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(actorId, AuditAction.RuleChanged, null,
                FormattableString.Invariant($"matching rule {code}: threshold {before} → {threshold}, {(enabled ? "on" : "off")}"), token);
            return Outcome.Done("Admin.Saved");
        }, ct);
    }
}

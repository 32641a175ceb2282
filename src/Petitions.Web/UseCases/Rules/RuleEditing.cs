using Petitions.Data;
using Petitions.Core.Audit;
using Petitions.Core.Triage;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Rules;

/// <summary>
/// The rule-edit use cases the routing and priority editors share: save (edit or add) and switch on/off.
/// The change and its audit entry commit in one transaction.
/// </summary>
public sealed class RuleEditing(AppDbContext db, Transaction transaction, AuditLog audit)
{
    /// <summary>Edits the rule <paramref name="id"/>, or adds one made by <paramref name="create"/> when id is null.</summary>
    public Task<Outcome> SaveAsync<T>(Guid actorId, int? id, Func<T> create, Action<T> edit, CancellationToken ct)
        where T : class, ISwitchableRule =>
        transaction.RunAsync(async token =>
        {
            T? rule;
            if (id is { } existing)
            {
                rule = await db.Set<T>().FindAsync([existing], token);
            }
            else
            {
                rule = create();
                db.Set<T>().Add(rule);
            }
            if (rule is null)
            {
                return Outcome.NotFound;
            }
            edit(rule);
            return await CommitAsync(actorId, rule, token);
        }, ct);

    public Task<Outcome> ToggleAsync<T>(Guid actorId, int id, CancellationToken ct) where T : class, ISwitchableRule =>
        transaction.RunAsync(async token =>
        {
            if (await db.Set<T>().FindAsync([id], token) is not { } rule)
            {
                return Outcome.NotFound;
            }
            rule.Enabled = !rule.Enabled;
            return await CommitAsync(actorId, rule, token);
        }, ct);

    private async Task<Outcome> CommitAsync<T>(Guid actorId, T rule, CancellationToken ct) where T : ISwitchableRule
    {
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actorId, AuditAction.RuleChanged, null, $"{typeof(T).Name} {rule.Id} saved: {rule.Name} (enabled: {rule.Enabled})", ct);
        return Outcome.Done("Admin.Saved");
    }
}

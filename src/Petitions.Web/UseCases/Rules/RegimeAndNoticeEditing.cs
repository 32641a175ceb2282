using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Policy;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Rules;

/// <summary>
/// An administrator's changes to the legal regimes, to which regime each kind of report follows, and to the formal
/// notices' templates: each saved with its audit entry in one transaction, then put in force in this process.
/// </summary>
public sealed class RegimeAndNoticeEditing(AppDbContext db, Transaction transaction, AuditLog audit, TimeLimitPolicy policy,
    ReportKindCatalogue catalogue, TimeProvider clock)
{
    /// <summary>Saves a regime (a new one from <paramref name="create"/>, an existing one through <paramref name="apply"/>).</summary>
    public async Task<Outcome> SaveRegimeAsync(Guid actorId, string code, bool existing, Func<LegalRegime> create, Action<LegalRegime> apply, CancellationToken ct)
    {
        var outcome = await transaction.RunAsync(async token =>
        {
            var regime = existing ? await db.LegalRegimes.SingleOrDefaultAsync(r => r.Code == code, token) : null;
            if (existing && regime is null)
            {
                return Outcome.NotFound;
            }
            if (regime is null)
            {
                regime = create();
                db.LegalRegimes.Add(regime);
            }
            else
            {
                apply(regime);
            }
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(actorId, AuditAction.RuleChanged, null, $"LegalRegime {regime.Code} saved", token);
            return Outcome.Done("Admin.Saved");
        }, ct);
        if (outcome.Succeeded)
        {
            await Regimes.LoadAsync(db, policy, ct);
        }
        return outcome;
    }

    /// <summary>Moves kinds of report to the regimes chosen (unknown regimes are ignored); new reports follow them at once.</summary>
    public async Task<Outcome> ChooseRegimesAsync(Guid actorId, IReadOnlyDictionary<string, string> kindRegimes, CancellationToken ct)
    {
        var codes = await db.LegalRegimes.Select(r => r.Code).ToListAsync(ct);
        var outcome = await transaction.RunAsync(async token =>
        {
            var changed = new List<string>();
            foreach (var kind in await db.ReportKinds.ToListAsync(token))
            {
                if (kindRegimes.TryGetValue(kind.Code, out var chosen) && codes.Contains(chosen) && kind.RegimeCode != chosen)
                {
                    kind.RegimeCode = chosen;
                    changed.Add($"{kind.Code} → {chosen}");
                }
            }
            await db.SaveChangesAsync(token);
            if (changed.Count > 0)
            {
                await audit.AppendAsync(actorId, AuditAction.RuleChanged, null, "Kinds' regimes: " + string.Join(", ", changed), token);
            }
            return Outcome.Done("Admin.Saved");
        }, ct);
        // New reports take the new regime at once in this process (others within the catalogue's minute).
        catalogue.Forget();
        return outcome;
    }

    /// <summary>Saves a notice template's title and text; notices already issued keep theirs.</summary>
    public Task<Outcome> SaveNoticeTemplateAsync(Guid actorId, int id, string title, string body, CancellationToken ct) =>
        transaction.RunAsync(async token =>
        {
            if (await db.NoticeTemplates.SingleOrDefaultAsync(t => t.Id == id, token) is not { } template)
            {
                return Outcome.NotFound;
            }
            template.Title = title.Trim();
            template.Body = body.Trim();
            template.UpdatedAt = clock.GetUtcNow();
            template.UpdatedById = actorId;
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(actorId, AuditAction.RuleChanged, null, $"NoticeTemplate {template.Kind} {template.Culture} saved", token);
            return Outcome.Done("Admin.Notices.Saved");
        }, ct);
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Matching;

/// <summary>The roll's numbers of a matching case's person, unsealed for the page that asked.</summary>
public sealed record RegisterNumbers(string? IdNumber, string? Card, string? Phone);

/// <summary>
/// Shows the identity, card and phone numbers the registers hold sealed, on a matching case only, to staff who may see
/// that case, each showing audited before anything is shown (the officer verifying with the bank needs the card; the
/// audit log says who looked at whose numbers and when).
/// </summary>
public sealed class HitNumbers(AppDbContext db, StaffAccess access, RegisterSealing sealing, AuditLog audit)
{
    public async Task<RegisterNumbers?> ShowAsync(ClaimsPrincipal user, Guid reportId, CancellationToken ct)
    {
        if (await access.FindAsync(user, reportId, ct) is null
            || await db.MatchHits.Where(h => h.ReportId == reportId).Select(h => h.PersonNumber).FirstOrDefaultAsync(ct) is not { } person)
        {
            return null;
        }
        var entry = await db.RegisterEntries.AsNoTracking().Where(e => e.Source == RegisterSource.PensionRoll && e.PersonNumber == person)
            .OrderByDescending(e => e.Id).Select(e => new { e.IdSealed, e.CardSealed, e.PhoneSealed }).FirstOrDefaultAsync(ct);
        if (entry is null)
        {
            return null;
        }
        await audit.AppendAsync(StaffAccess.UserId(user), AuditAction.ViewReport, reportId, "register numbers", ct);
        return new(sealing.Unseal(entry.IdSealed), sealing.Unseal(entry.CardSealed), sealing.Unseal(entry.PhoneSealed));
    }
}

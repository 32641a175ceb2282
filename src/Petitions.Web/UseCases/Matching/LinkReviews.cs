using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Matching;
using Petitions.Core.Regions;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Matching;

/// <summary>A pair in the review band, as the analyst sees it: the death row, the roll's person, the evidence.</summary>
public sealed record LinkToReview(long EntryId, RegisterSource Source, string? RecordName, DateOnly? RecordBirth, DateOnly? Died,
    string PersonNumber, string? PersonName, string? PersonRegion, double Weight, string Evidence);

/// <summary>
/// The pairs linking left to an analyst (a name alone, or two slips at once), within the analyst's jurisdictions (the
/// roll person's county): confirmed, the death counts at the next run; rejected, never offered again. Audited.
/// </summary>
public sealed class LinkReviews(AppDbContext db, Transaction transaction, AuditLog audit, TimeProvider clock, IWorkQueue work)
{
    public async Task<IReadOnlyList<LinkToReview>> WaitingAsync(Reach reach, CancellationToken ct)
    {
        // Within the analyst's reach by the roll person's county, in the query (never a page of others filtered after).
        var roll = db.RegisterEntries.Where(p => p.Source == RegisterSource.PensionRoll);
        var rows = await (from l in db.RegisterLinks
                          where l.Band == LinkBand.Review && l.Confirmed == null
                          join e in db.RegisterEntries on l.EntryId equals e.Id
                          select new
                          {
                              l.EntryId, e.Source, e.Name, e.BirthDate, e.EventDate, l.PersonNumber, l.Weight, l.Evidence,
                              PersonName = roll.Where(p => p.PersonNumber == l.PersonNumber).OrderByDescending(p => p.Id).Select(p => p.Name).FirstOrDefault(),
                              PersonRegion = roll.Where(p => p.PersonNumber == l.PersonNumber).OrderByDescending(p => p.Id).Select(p => p.Region).FirstOrDefault(),
                          })
            .Within(r => r.PersonRegion, reach)
            .OrderByDescending(r => r.Weight).Take(500).ToListAsync(ct);
        return rows.Select(r => new LinkToReview(r.EntryId, r.Source, r.Name, r.BirthDate, r.EventDate, r.PersonNumber, r.PersonName, r.PersonRegion, r.Weight, r.Evidence))
            .ToList();
    }

    public async Task<Outcome> DecideAsync(Guid by, Reach reach, long entryId, bool samePerson, CancellationToken ct)
    {
        var outcome = await transaction.RunAsync(async token =>
        {
            var link = await db.RegisterLinks.SingleOrDefaultAsync(l => l.EntryId == entryId && l.Band == LinkBand.Review, token);
            var region = link is null ? null : await db.RegisterEntries.Where(p => p.Source == RegisterSource.PensionRoll && p.PersonNumber == link.PersonNumber)
                .OrderByDescending(p => p.Id).Select(p => p.Region).FirstOrDefaultAsync(token);
            if (link is null || !reach.Covers(region))
            {
                return Outcome.NotFound;
            }
            if (link.Confirmed is not null)
            {
                return Outcome.NotAllowed("Links.AlreadyDecided");
            }
            (link.Confirmed, link.DecidedById, link.DecidedAt) = (samePerson, by, clock.GetUtcNow());
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(by, AuditAction.MatchingRun, null, $"register link {entryId}: {(samePerson ? "confirmed" : "rejected")}", token);
            return Outcome.Done(samePerson ? "Links.Confirmed" : "Links.Rejected");
        }, ct);
        if (outcome.Succeeded && samePerson)
        {
            work.MatchingOwed();
        }
        return outcome;
    }
}

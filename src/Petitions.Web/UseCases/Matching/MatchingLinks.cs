using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Matching;
using Petitions.Data;

namespace Petitions.Web.UseCases.Matching;

/// <summary>
/// The linking step of a run: every death register row without a valid identity number not yet considered is compared
/// with the roll (<see cref="RecordLinkage"/>, blocked by <see cref="LinkIndex"/>), and a link or a pair for review is
/// kept with its evidence. A row that links to nobody is simply left; it is considered again when the roll changes
/// (a new roll import clears the "nothing" answers by having none: only links and reviews are stored).
/// </summary>
public sealed class MatchingLinks(AppDbContext db, RegisterSealing sealing, TimeProvider clock)
{
    private static readonly RegisterSource[] Deaths = [.. DeathRegisters.All];

    /// <summary>Links what can be linked; returns how many links and reviews were added.</summary>
    public async Task<(int Links, int Reviews)> LinkAsync(CancellationToken ct)
    {
        var records = await db.RegisterEntries.AsNoTracking()
            .Where(e => Deaths.Contains(e.Source) && e.IdHash == null && !db.RegisterLinks.Any(l => l.EntryId == e.Id))
            .Select(e => new { e.Id, e.Name, e.BirthDate, e.Sex, e.Region, e.IdSealed }).ToListAsync(ct);
        if (records.Count == 0)
        {
            return (0, 0);
        }
        var needDigits = records.Any(r => r.IdSealed is not null);
        var roll = (await db.RegisterEntries.AsNoTracking().Where(e => e.Source == RegisterSource.PensionRoll && e.PersonNumber != null)
                .OrderBy(e => e.PersonNumber).ThenByDescending(e => e.Id)
                .Select(e => new { e.PersonNumber, e.Name, e.BirthDate, e.Sex, e.Region, e.IdSealed }).ToListAsync(ct))
            .DistinctBy(e => e.PersonNumber)
            .Select(e => new LinkRecord(e.PersonNumber!, e.Name, e.BirthDate, Sex(e.Sex), e.Region, needDigits ? sealing.Unseal(e.IdSealed) : null))
            .ToList();
        if (roll.Count == 0)
        {
            return (0, 0);
        }
        // u from the roll; m from the priors moved by the pairs people confirmed: an analyst's "same person", and
        // links whose hit an officer confirmed.
        var confirmed = (await db.RegisterLinks.AsNoTracking()
                .Where(l => l.Confirmed == true || (l.Confirmed == null && l.Band == LinkBand.Link
                    && db.MatchHits.Any(h => h.PersonNumber == l.PersonNumber && h.Decision == HitDecision.Confirmed)))
                .Select(l => l.Evidence).ToListAsync(ct))
            .Select(json => JsonSerializer.Deserialize<LinkEvidence>(json)).OfType<LinkEvidence>().ToList();
        var weights = LinkageWeights.Estimate(roll) with { M = MProbabilities.Refine(confirmed) };
        var index = new LinkIndex(roll);
        var now = clock.GetUtcNow();
        var (links, reviews) = (0, 0);
        foreach (var r in records)
        {
            var record = new LinkRecord(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Name, r.BirthDate, Sex(r.Sex), r.Region, sealing.Unseal(r.IdSealed));
            var (band, person, evidence) = RecordLinkage.Best(record, index.Candidates(record), weights);
            if (band == LinkBand.None)
            {
                continue;
            }
            db.RegisterLinks.Add(new RegisterLink
            {
                EntryId = r.Id, PersonNumber = person!.Key, Weight = evidence!.Weight, Band = band,
                Evidence = JsonSerializer.Serialize(evidence), LinkedAt = now,
            });
            _ = band == LinkBand.Link ? links++ : reviews++;
        }
        await db.SaveChangesAsync(ct);
        return (links, reviews);
    }

    private static char? Sex(string? sex) => sex is { Length: 1 } s ? s[0] : null;
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Matching;
using Petitions.Data;

namespace Petitions.Web.UseCases.Matching;

/// <summary>
/// The linking step of a run: every death register row without a valid identity number not yet compared with the
/// current roll is compared with it (<see cref="RecordLinkage"/>, blocked by <see cref="LinkIndex"/>), and a link or a
/// pair for review is kept with its evidence. Every row compared is marked, so the next run compares only new rows;
/// a new roll import makes every unlinked row new again. The roll's identity numbers are never unsealed: a row's
/// number one digit off a pensioner's is found by hashing the row's variants and looking them up among the roll's
/// join keys. The rows are compared on every core.
/// </summary>
public sealed class MatchingLinks(AppDbContext db, RegisterSealing sealing, TimeProvider clock)
{
    private static readonly RegisterSource[] Deaths = [.. DeathRegisters.All];

    /// <summary>Links what can be linked; returns how many links and reviews were added.</summary>
    public async Task<(int Links, int Reviews)> LinkAsync(CancellationToken ct)
    {
        var rollAt = await db.RegisterImports.Where(i => i.Source == RegisterSource.PensionRoll).MaxAsync(i => (DateTimeOffset?)i.ImportedAt, ct);
        var records = await db.RegisterEntries.AsNoTracking()
            .Where(e => Deaths.Contains(e.Source) && e.IdHash == null && !db.RegisterLinks.Any(l => l.EntryId == e.Id))
            .Where(e => e.LinkCheckedAt == null || e.LinkCheckedAt <= rollAt)
            .Select(e => new { e.Id, e.Name, e.BirthDate, e.Sex, e.Region, e.IdSealed }).ToListAsync(ct);
        if (records.Count == 0 || rollAt is null)
        {
            return (0, 0);
        }
        var people = (await db.RegisterEntries.AsNoTracking().Where(e => e.Source == RegisterSource.PensionRoll && e.PersonNumber != null)
                .OrderBy(e => e.PersonNumber).ThenByDescending(e => e.Id)
                .Select(e => new { e.PersonNumber, e.Name, e.BirthDate, e.Sex, e.Region, e.IdHash }).ToListAsync(ct))
            .DistinctBy(e => e.PersonNumber).ToList();
        var roll = people.Select(e => new LinkRecord(e.PersonNumber!, e.Name, e.BirthDate, Sex(e.Sex), e.Region, null)).ToList();
        // The roll's join keys, to find a number one digit off without unsealing any.
        var byId = new Dictionary<string, LinkRecord>(StringComparer.Ordinal);
        var withId = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            if (people[i].IdHash is { } hash)
            {
                byId.TryAdd(Convert.ToBase64String(hash), roll[i]);
                withId.Add(roll[i].Key);
            }
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
        var results = new (LinkBand Band, LinkRecord? Person, LinkEvidence? Evidence)[records.Count];
        Parallel.For(0, records.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var r = records[i];
            var digits = sealing.Unseal(r.IdSealed);
            var record = new LinkRecord(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Name, r.BirthDate, Sex(r.Sex), r.Region, digits);
            var near = digits is { Length: 18 }
                ? RecordLinkage.OneOffVariants(digits).Select(v => byId.GetValueOrDefault(Convert.ToBase64String(sealing.Link(v)!))).OfType<LinkRecord>().ToList()
                : [];
            FieldAgreement Id(LinkRecord person) => digits is not { Length: 18 } || !withId.Contains(person.Key) ? FieldAgreement.Missing
                : near.Exists(n => n.Key == person.Key) ? FieldAgreement.Near : FieldAgreement.Different;
            results[i] = RecordLinkage.Best(record, index.Candidates(record).Concat(near), weights, Id);
        });
        var now = clock.GetUtcNow();
        var (links, reviews) = (0, 0);
        for (var i = 0; i < records.Count; i++)
        {
            var (band, person, evidence) = results[i];
            if (band == LinkBand.None)
            {
                continue;
            }
            db.RegisterLinks.Add(new RegisterLink
            {
                EntryId = records[i].Id, PersonNumber = person!.Key, Weight = evidence!.Weight, Band = band,
                Evidence = JsonSerializer.Serialize(evidence), LinkedAt = now,
            });
            _ = band == LinkBand.Link ? links++ : reviews++;
        }
        await db.SaveChangesAsync(ct);
        var compared = records.Select(r => r.Id).ToList();
        await db.RegisterEntries.Where(e => compared.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.LinkCheckedAt, now), ct);
        return (links, reviews);
    }

    private static char? Sex(string? sex) => sex is { Length: 1 } s ? s[0] : null;
}

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
public sealed class MatchingLinks(AppDbContext db, RegisterSealing sealing, TimeProvider clock, ILogger<MatchingLinks> logger)
{
    private static readonly RegisterSource[] Deaths = [.. DeathRegisters.All];

    /// <summary>Links what can be linked; returns how many links and reviews were added.</summary>
    public async Task<(int Links, int Reviews)> LinkAsync(CancellationToken ct)
    {
        var step = System.Diagnostics.Stopwatch.StartNew();
        var rollAt = await db.RegisterImports.Where(i => i.Source == RegisterSource.PensionRoll).MaxAsync(i => (DateTimeOffset?)i.ImportedAt, ct);
        var records = await db.RegisterEntries.AsNoTracking()
            .Where(e => Deaths.Contains(e.Source) && e.IdHash == null && !db.RegisterLinks.Any(l => l.EntryId == e.Id))
            .Where(e => e.LinkCheckedAt == null || e.LinkCheckedAt <= rollAt)
            .Select(e => new { e.Id, e.Name, e.BirthDate, e.Sex, e.Region, e.IdSealed }).ToListAsync(ct);
        if (records.Count == 0 || rollAt is null)
        {
            return (0, 0);
        }
        // Each person's latest row, in the order of their numbers (sorted here: PostgreSQL sorting a million rows first took longer).
        var latest = new Dictionary<string, (long Id, string? Name, DateOnly? BirthDate, string? Sex, string? Region, byte[]? IdHash)>(StringComparer.Ordinal);
        await foreach (var e in db.RegisterEntries.AsNoTracking().Where(e => e.Source == RegisterSource.PensionRoll && e.PersonNumber != null)
            .Select(e => new { e.Id, e.PersonNumber, e.Name, e.BirthDate, e.Sex, e.Region, e.IdHash }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!latest.TryGetValue(e.PersonNumber!, out var seen) || seen.Id < e.Id)
            {
                latest[e.PersonNumber!] = (e.Id, e.Name, e.BirthDate, e.Sex, e.Region, e.IdHash);
            }
        }
        var people = latest.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new { PersonNumber = (string?)p.Key, p.Value.Name, p.Value.BirthDate, p.Value.Sex, p.Value.Region, p.Value.IdHash }).ToList();
        logger.LogInformation("Linking: {Records} rows to compare and {People} people on the roll read in {Seconds:F1} s", records.Count, people.Count, step.Elapsed.TotalSeconds);
        step.Restart();
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
        logger.LogInformation("Linking: weights and the roll's index in {Seconds:F1} s", step.Elapsed.TotalSeconds);
        step.Restart();
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
        logger.LogInformation("Linking: rows compared in {Seconds:F1} s", step.Elapsed.TotalSeconds);
        step.Restart();
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
        logger.LogInformation("Linking: {Links} links and {Reviews} reviews stored in {Seconds:F1} s", links, reviews, step.Elapsed.TotalSeconds);
        return (links, reviews);
    }

    private static char? Sex(string? sex) => sex is { Length: 1 } s ? s[0] : null;
}

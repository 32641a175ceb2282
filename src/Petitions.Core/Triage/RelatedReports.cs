using System.Globalization;

namespace Petitions.Core.Triage;

/// <summary>A person or unit named in an earlier report, as the candidate query returns it.</summary>
public sealed record NamedInEarlier(Guid ReportId, string? Name, string? Unit, string RegionCode);

/// <summary>An earlier report about the same place whose description is similar (pg_trgm similarity, 0–1).</summary>
public sealed record SimilarEarlier(Guid ReportId, double Similarity);

/// <summary>A link to propose: the earlier report, why, and what they share.</summary>
public sealed record RelatedLink(Guid RelatedReportId, LinkReason Reason, string Detail);

/// <summary>
/// "Possibly related" (never merged): the same person (same name, and the same unit or the same county, since
/// "王某" alone names thousands), the same unit, or near-duplicate text. The database only fetches candidates
/// within <see cref="Window"/> (see the triage handler); which candidates become links is decided here.
/// </summary>
public static class RelatedReports
{
    /// <summary>Earlier reports are looked for this far back.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(730);

    /// <summary>Similarity from which two descriptions count as near-duplicates.</summary>
    public const double SimilarityThreshold = 0.45;

    /// <summary>At most this many links of one reason: the most recent reports, enough for an officer to follow.</summary>
    public const int MaxLinksPerReason = 20;

    /// <summary>
    /// Candidates fetched at most for each key (a name in the county, a name with its unit, a unit), most recent first.
    /// Two of the people one report names may share a unit, so a key's rows are not always distinct reports: twice the
    /// links kept is enough for the most recent <see cref="MaxLinksPerReason"/>.
    /// </summary>
    public const int NamedCandidatesPerKey = 2 * MaxLinksPerReason;

    /// <summary>
    /// The texts compared for near-duplicates at most: the region's most recent reports in the window. A county with a
    /// few reports a day has fewer than this in two years; a county flooded with them (a campaign, a scandal) has its
    /// latest compared, where a repeated report is, and triage's cost stays the same however large the table grows.
    /// </summary>
    public const int MaxSimilarCandidates = 2000;

    /// <summary>
    /// The candidates are first compared by their texts' sketches (32 bins of trigram hashes, the smallest of each kept:
    /// the share of bins that agree estimates the similarity, never below it by much). Those agreeing on at least this share
    /// go on to the exact comparison. Measured on made-up reports: every pair at 0.45 or more agreed on at least 0.25.
    /// </summary>
    public const double SketchThreshold = 0.25;

    /// <summary>Compared exactly at most: the closest by sketch.</summary>
    public const int MaxExactComparisons = 100;

    /// <param name="named">The new report's named people and units.</param>
    /// <param name="regionCode">The new report's region.</param>
    /// <param name="namedEarlier">Rows of earlier reports sharing a name or a unit, most recent first.</param>
    /// <param name="similar">Earlier reports about the same region with similar text, most similar first.</param>
    public static IReadOnlyList<RelatedLink> Find(IReadOnlyCollection<NamedParty> named, string regionCode,
        IEnumerable<NamedInEarlier> namedEarlier, IEnumerable<SimilarEarlier> similar)
    {
        var people = named.Select(p => (Name: Clean(p.Name), Unit: Clean(p.Unit))).ToList();
        var units = people.Select(p => p.Unit).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var links = new List<RelatedLink>();
        foreach (var earlier in namedEarlier)
        {
            var name = Clean(earlier.Name);
            var unit = Clean(earlier.Unit);
            if (name is not null && people.Any(p => p.Name == name && ((p.Unit is not null && p.Unit == unit) || earlier.RegionCode == regionCode)))
            {
                Add(links, earlier.ReportId, LinkReason.SamePerson, name);
            }
            if (unit is not null && units.Contains(unit))
            {
                Add(links, earlier.ReportId, LinkReason.SameUnit, unit);
            }
        }
        foreach (var s in similar.Where(s => s.Similarity >= SimilarityThreshold).OrderByDescending(s => s.Similarity))
        {
            Add(links, s.ReportId, LinkReason.SimilarText, s.Similarity.ToString("0.00", CultureInfo.InvariantCulture));
        }
        return links;
    }

    /// <summary>The (name, unit) pairs to look for: a name with a unit is the same person wherever the unit is.</summary>
    public static IReadOnlyList<(string Name, string Unit)> NamesWithUnits(IEnumerable<NamedParty> named) =>
        named.Select(p => (Name: Clean(p.Name), Unit: Clean(p.Unit))).Where(p => p.Name is not null && p.Unit is not null)
            .Select(p => (p.Name!, p.Unit!)).Distinct().ToList();

    /// <summary>Names and units to look for in earlier reports.</summary>
    public static (IReadOnlyList<string> Names, IReadOnlyList<string> Units) Keys(IEnumerable<NamedParty> named)
    {
        var list = named.ToList();
        return (list.Select(p => Clean(p.Name)).OfType<string>().Distinct().ToList(),
                list.Select(p => Clean(p.Unit)).OfType<string>().Distinct().ToList());
    }

    private static void Add(List<RelatedLink> links, Guid relatedId, LinkReason reason, string detail)
    {
        if (links.Count(l => l.Reason == reason) < MaxLinksPerReason && !links.Any(l => l.RelatedReportId == relatedId && l.Reason == reason))
        {
            links.Add(new RelatedLink(relatedId, reason, detail.Length <= 300 ? detail : detail[..300]));
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

namespace Petitions.Core.Triage;

/// <summary>An earlier report's sketch, as the region-and-time index carries it.</summary>
public sealed record SketchCandidate(Guid Id, int[] Sketch);

/// <summary>
/// The first stage of the near-duplicate search, done in the site: each candidate's sketch (at most 32 values, one per
/// bin: the bin in the top byte, the smallest trigram hash in that bin below it, in ascending order, as the database's
/// <c>trigram_sketch</c> writes it) is compared with the new report's. The share of values they have in common estimates
/// their similarity. Comparing 2,000 sketches here takes tens of microseconds; in PostgreSQL each intersection copied
/// and sorted both arrays again, which made this the costliest statement of triage among ten million reports.
/// </summary>
public static class Sketches
{
    /// <summary>
    /// The candidates agreeing on at least <see cref="RelatedReports.SketchThreshold"/> of the larger sketch's values,
    /// closest first (the more recent first among equals, in the order given), <see cref="RelatedReports.MaxExactComparisons"/> at most.
    /// </summary>
    public static IReadOnlyList<Guid> Closest(int[] sketch, IEnumerable<SketchCandidate> candidates)
    {
        var kept = new List<(Guid Id, double Share, int Order)>();
        var order = 0;
        foreach (var candidate in candidates)
        {
            var bins = Math.Max(Math.Max(candidate.Sketch.Length, sketch.Length), 1);
            var agree = Common(sketch, candidate.Sketch);
            if (agree >= RelatedReports.SketchThreshold * bins)
            {
                kept.Add((candidate.Id, (double)agree / bins, order));
            }
            order++;
        }
        return kept.OrderByDescending(k => k.Share).ThenBy(k => k.Order).Take(RelatedReports.MaxExactComparisons).Select(k => k.Id).ToList();
    }

    /// <summary>How many values two ascending arrays share (a merge: both are already sorted and without repeats).</summary>
    public static int Common(int[] a, int[] b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return common;
    }
}

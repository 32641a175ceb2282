namespace Petitions.Core.Statistics;

/// <summary>One additive relation between published cells: <see cref="Total"/> = the sum of <see cref="Parts"/>.</summary>
public sealed record SumConstraint(int Total, IReadOnlyList<int> Parts);

/// <summary>
/// Small-cell suppression for published counts. Primary: every count below the threshold is hidden.
/// Secondary: in every relation "total = sum of parts" that a reader could use, the hidden cells number
/// either none or at least two, and when the total is shown the hidden parts together hold at least
/// <c>threshold</c>. A relation with exactly one unknown is the differencing attack (total minus the shown
/// parts); since no relation ever has exactly one unknown, nothing hidden can be worked out, however many
/// relations the reader chains. The fewest, smallest extra cells are hidden, repeated until stable.
/// </summary>
public static class Suppression
{
    public const int DefaultThreshold = 5;

    public static bool[] Apply(IReadOnlyList<long> values, IReadOnlyList<SumConstraint> constraints, int threshold = DefaultThreshold)
    {
        var hidden = new bool[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            hidden[i] = values[i] < threshold;
        }
        bool changed;
        do
        {
            changed = false;
            foreach (var constraint in constraints)
            {
                while (NeedsMore(constraint, values, hidden, threshold))
                {
                    var next = SmallestShownPart(constraint, values, hidden);
                    if (next < 0)
                    {
                        if (hidden[constraint.Total])
                        {
                            break;
                        }
                        next = constraint.Total;
                    }
                    hidden[next] = true;
                    changed = true;
                }
            }
        }
        while (changed);
        return hidden;
    }

    private static bool NeedsMore(SumConstraint c, IReadOnlyList<long> values, bool[] hidden, int threshold)
    {
        var unknown = hidden[c.Total] ? 1 : 0;
        long hiddenSum = 0;
        foreach (var part in c.Parts)
        {
            if (hidden[part])
            {
                unknown++;
                hiddenSum += values[part];
            }
        }
        if (unknown == 0)
        {
            return false;
        }
        return unknown < 2 || (!hidden[c.Total] && hiddenSum < threshold);
    }

    private static int SmallestShownPart(SumConstraint c, IReadOnlyList<long> values, bool[] hidden)
    {
        var best = -1;
        foreach (var part in c.Parts)
        {
            if (!hidden[part] && (best < 0 || values[part] < values[best]))
            {
                best = part;
            }
        }
        return best;
    }

    /// <summary>
    /// What a reader can work out from the shown cells by chaining the relations (each relation with one
    /// unknown gives it away). Used by tests as the attacker; returns the hidden cells it recovered.
    /// </summary>
    public static IReadOnlyList<int> Recoverable(IReadOnlyList<bool> hidden, IReadOnlyList<SumConstraint> constraints)
    {
        var known = hidden.Select(h => !h).ToArray();
        var recovered = new List<int>();
        bool progress;
        do
        {
            progress = false;
            foreach (var c in constraints)
            {
                var unknown = c.Parts.Append(c.Total).Where(i => !known[i]).Distinct().ToList();
                if (unknown.Count == 1)
                {
                    known[unknown[0]] = true;
                    recovered.Add(unknown[0]);
                    progress = true;
                }
            }
        }
        while (progress);
        return recovered;
    }
}

/// <summary>Median and 90th percentile from a histogram of whole days.</summary>
public static class DayPercentiles
{
    /// <summary>The smallest day count d such that at least <paramref name="share"/> of the cases took d days or fewer.</summary>
    public static int? Percentile(IReadOnlyList<(int Days, long Count)> histogram, double share)
    {
        var total = histogram.Sum(h => h.Count);
        if (total == 0)
        {
            return null;
        }
        var rank = (long)Math.Ceiling(share * total);
        long seen = 0;
        foreach (var (days, count) in histogram.OrderBy(h => h.Days))
        {
            seen += count;
            if (seen >= Math.Max(rank, 1))
            {
                return days;
            }
        }
        return histogram.Max(h => h.Days);
    }
}

namespace Petitions.Core.Statistics;

/// <summary>One additive relation between published cells: <see cref="Total"/> = the sum of <see cref="Parts"/>.</summary>
public sealed record SumConstraint(int Total, IReadOnlyList<int> Parts);

/// <summary>
/// An attacker's audit of a suppression pattern: for every withheld primary cell, the smallest and largest value a
/// reader can work out from what is published. <see cref="Suppression.Propagation"/> is the built-in one; a linear
/// solver (as statistics offices use) can be passed to <see cref="Suppression.Apply"/> instead.
/// </summary>
/// <param name="values">Every cell's true value.</param>
/// <param name="hidden">Which cells are withheld.</param>
/// <param name="published">Which cells appear anywhere; a cell on no page is unknown to a reader, shown or not.</param>
/// <param name="constraints">The relations between cells a reader knows.</param>
/// <param name="threshold">The smallest count shown.</param>
public delegate IReadOnlyDictionary<int, (double Lo, double Hi)> RangeAudit(
    IReadOnlyList<long> values, IReadOnlyList<bool> hidden, IReadOnlyList<bool> published, IReadOnlyList<SumConstraint> constraints, int threshold);

/// <summary>
/// Small-cell suppression for published counts. Primary: every count from 1 to threshold − 1 is withheld and reads
/// "&lt;5", which the page explains as "0 to 4". A zero is published: it says that nobody is there, which identifies
/// no one, and withholding it would only make its neighbours withheld too. Secondary: in every relation
/// "total = sum of parts" that a reader could use, the withheld cells number none or at least two, and when the
/// total is shown the withheld parts together hold at least <c>threshold</c>. The complements are the smallest
/// non-zero cells that protect (a zero protects nothing), the total only when no part can. Then the pattern is
/// audited as a reader would attack it: while a reader could narrow any primary cell to fewer than
/// <see cref="MinimumWidth"/> + 1 possible values, the smallest cell next to it is withheld too. A complement is
/// published as the range it is known to lie in; a primary as "&lt;5", or as the narrower range a reader can work
/// out for it, so that the page never says less than can be deduced from it.
/// </summary>
public static class Suppression
{
    public const int DefaultThreshold = 5;

    /// <summary>
    /// The narrowest a reader may work a small count down to: a range of at least three possible values (for
    /// example 1–3), so that no small count is ever pinned to one or two values.
    /// </summary>
    public const int MinimumWidth = 2;

    /// <summary>An upper bound for a withheld cell a reader knows nothing more about (a thousand of them still add up within a long).</summary>
    private const long Unbounded = 1_000_000_000_000_000;

    public static bool IsPrimary(long value, int threshold = DefaultThreshold) => value > 0 && value < threshold;

    /// <param name="values">Every cell's true value.</param>
    /// <param name="constraints">The relations between cells a reader knows.</param>
    /// <param name="threshold">The smallest count shown.</param>
    /// <param name="audit">The attacker to audit against (interval propagation when null).</param>
    /// <param name="publishedOf">Which cells a pattern publishes (all when null): a region whose total is withheld has no page.</param>
    public static bool[] Apply(IReadOnlyList<long> values, IReadOnlyList<SumConstraint> constraints, int threshold = DefaultThreshold,
        RangeAudit? audit = null, Func<bool[], bool[]>? publishedOf = null)
    {
        audit ??= Propagation;
        var hidden = new bool[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            hidden[i] = IsPrimary(values[i], threshold);
        }
        var byCell = CellRelations(values.Count, constraints);
        while (true)
        {
            Complete(values, constraints, hidden, threshold);
            var published = publishedOf?.Invoke(hidden) ?? [.. Enumerable.Repeat(true, values.Count)];
            var added = false;
            foreach (var (i, range) in audit(values, hidden, published, constraints, threshold))
            {
                if (range.Hi - range.Lo < MinimumWidth - 1e-6 && Neighbour(i, values, hidden, constraints, byCell) is { } next)
                {
                    hidden[next] = true;
                    added = true;
                }
            }
            if (!added)
            {
                return hidden;
            }
        }
    }

    /// <summary>The ranges interval propagation (<see cref="Bounds"/>) finds for the withheld primary cells.</summary>
    public static IReadOnlyDictionary<int, (double Lo, double Hi)> Propagation(
        IReadOnlyList<long> values, IReadOnlyList<bool> hidden, IReadOnlyList<bool> published, IReadOnlyList<SumConstraint> constraints, int threshold)
    {
        var bounds = Bounds(values, hidden, constraints, threshold, published);
        return Enumerable.Range(0, values.Count).Where(i => hidden[i] && IsPrimary(values[i], threshold))
            .ToDictionary(i => i, i => ((double)bounds[i].Lo, (double)bounds[i].Hi));
    }

    /// <summary>Hides complements until no relation has exactly one withheld cell or too little withheld behind a shown total.</summary>
    private static void Complete(IReadOnlyList<long> values, IReadOnlyList<SumConstraint> constraints, bool[] hidden, int threshold)
    {
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
    }

    /// <summary>
    /// The smallest shown non-zero cell in a relation of the withheld cells connected to <paramref name="cell"/>
    /// (nearest relations first), or null when everything around it is withheld already.
    /// </summary>
    private static int? Neighbour(int cell, IReadOnlyList<long> values, bool[] hidden, IReadOnlyList<SumConstraint> constraints, List<int>[] byCell)
    {
        var seen = new HashSet<int> { cell };
        var frontier = new List<int> { cell };
        var relationsSeen = new HashSet<int>();
        while (frontier.Count > 0)
        {
            int? best = null;
            var next = new List<int>();
            foreach (var c in frontier)
            {
                foreach (var r in byCell[c])
                {
                    if (!relationsSeen.Add(r))
                    {
                        continue;
                    }
                    foreach (var member in constraints[r].Parts.Append(constraints[r].Total))
                    {
                        if (!hidden[member] && values[member] > 0 && (best is null || values[member] < values[best.Value]))
                        {
                            best = member;
                        }
                        else if (hidden[member] && seen.Add(member))
                        {
                            next.Add(member);
                        }
                    }
                }
            }
            if (best is not null)
            {
                return best;
            }
            frontier = next;
        }
        return null;
    }

    private static List<int>[] CellRelations(int count, IReadOnlyList<SumConstraint> constraints)
    {
        var byCell = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            byCell[i] = [];
        }
        for (var r = 0; r < constraints.Count; r++)
        {
            byCell[constraints[r].Total].Add(r);
            foreach (var part in constraints[r].Parts)
            {
                byCell[part].Add(r);
            }
        }
        return byCell;
    }

    /// <summary>
    /// What a reader knows of every cell from what is published: a shown cell exactly; a primary cell ("&lt;5") from
    /// 0 to threshold − 1, as the page says; a complement from 0 up; narrowed by every relation in turn until nothing changes (interval
    /// propagation). Every bound is a deduction from published figures, so publishing a complement's range tells a
    /// reader nothing they could not work out; it is also how <see cref="Apply"/> audits its own pattern.
    /// </summary>
    /// <param name="values">Every cell's true value.</param>
    /// <param name="hidden">Which cells are withheld.</param>
    /// <param name="constraints">The relations a reader knows.</param>
    /// <param name="threshold">The smallest count shown.</param>
    /// <param name="published">Which cells appear anywhere (null: all); a cell on no page is unknown to a reader, shown or not.</param>
    public static (long Lo, long Hi)[] Bounds(IReadOnlyList<long> values, IReadOnlyList<bool> hidden, IReadOnlyList<SumConstraint> constraints,
        int threshold = DefaultThreshold, IReadOnlyList<bool>? published = null)
    {
        var lo = new long[values.Count];
        var hi = new long[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            (lo[i], hi[i]) = published is not null && !published[i] ? (0, Unbounded)
                : !hidden[i] ? (values[i], values[i]) : IsPrimary(values[i], threshold) ? (0, threshold - 1) : (0, Unbounded);
        }
        for (var pass = 0; pass < 500; pass++)
        {
            var changed = false;
            foreach (var c in constraints)
            {
                long sumLo = 0, sumHi = 0;
                foreach (var p in c.Parts)
                {
                    sumLo += lo[p];
                    sumHi += hi[p];
                }
                changed |= Tighten(lo, hi, c.Total, sumLo, sumHi);
                foreach (var p in c.Parts)
                {
                    changed |= Tighten(lo, hi, p, lo[c.Total] - (sumHi - hi[p]), hi[c.Total] - (sumLo - lo[p]));
                }
            }
            if (!changed)
            {
                break;
            }
        }
        return [.. lo.Zip(hi)];
    }

    private static bool Tighten(long[] lo, long[] hi, int i, long newLo, long newHi)
    {
        var changed = false;
        if (newLo > lo[i])
        {
            lo[i] = newLo;
            changed = true;
        }
        if (newHi < hi[i])
        {
            hi[i] = newHi;
            changed = true;
        }
        return changed;
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

    /// <summary>The smallest shown part that is not zero (a withheld zero would protect nothing).</summary>
    private static int SmallestShownPart(SumConstraint c, IReadOnlyList<long> values, bool[] hidden)
    {
        var best = -1;
        foreach (var part in c.Parts)
        {
            if (!hidden[part] && values[part] > 0 && (best < 0 || values[part] < values[best]))
            {
                best = part;
            }
        }
        return best;
    }

    /// <summary>
    /// What a reader can work out exactly from the shown cells by chaining the relations (each relation with one
    /// unknown gives it away). Used by tests as the simplest attacker; returns the hidden cells it recovered.
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

namespace Petitions.Core.Statistics;

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

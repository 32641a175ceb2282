namespace Petitions.Benchmarks;

/// <summary>Percentiles over measured durations.</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.OrderBy(v => v).ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static string Row(string what, IReadOnlyList<double> ms) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"| {what} | {ms.Count} | {Percentile(ms, 50):F1} | {Percentile(ms, 95):F1} | {ms.Max():F1} |");
}

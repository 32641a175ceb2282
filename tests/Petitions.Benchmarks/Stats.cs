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

    /// <summary>Three runs of one measure: each percentile as the three runs gave it, lowest to highest.</summary>
    public static string Spread(string what, IReadOnlyList<IReadOnlyList<double>> runs)
    {
        string Of(double p) => string.Join(" / ", runs.Select(r => Percentile(r, p)).Order()
            .Select(v => v.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"| {what} | {runs.Count} × {runs[0].Count} | {Of(50)} | {Of(95)} | {runs.Max(r => r.Max()):F1} |");
    }

    public static string Row(string what, IReadOnlyList<double> ms) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"| {what} | {ms.Count} | {Percentile(ms, 50):F1} | {Percentile(ms, 95):F1} | {ms.Max():F1} |");
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Web.Statistics;

namespace Petitions.Testing;

/// <summary>
/// What the small-cell protection costs: for each level of region (province, city, county) and each public partition,
/// the reports that sit in withheld cells and all the reports, summed over the pages of that level of the newest
/// public snapshot (the true figures read as /Oversight reads them).
/// </summary>
public static class InformationLoss
{
    public static string LevelOf(string code) =>
        code.EndsWith("0000", StringComparison.Ordinal) ? "province" : code.EndsWith("00", StringComparison.Ordinal) ? "city" : "county";

    /// <summary>(level, partition) → (withheld reports, all reports).</summary>
    public static async Task<SortedDictionary<(string Level, string Dim), (long Withheld, long Total)>> MeasureAsync(PetitionsFactory factory)
    {
        var json = await factory.QueryAsync(db => db.StatsSnapshots.OrderByDescending(s => s.Id).Select(s => s.PublicJson).FirstAsync());
        var pages = JsonSerializer.Deserialize<Dictionary<string, RegionFigures>>(json)!;
        var result = new SortedDictionary<(string, string), (long, long)>();
        await using var scope = factory.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<StatsQueries>();
        foreach (var (code, page) in pages)
        {
            var truth = await queries.LoadAsync(code, null, null, CancellationToken.None);
            foreach (var (dim, values) in page.Dims)
            {
                foreach (var (val, shown) in values)
                {
                    var exact = dim == StatsDims.Year
                        ? truth.Dims.GetValueOrDefault(StatsDims.Month)?.Where(m => m.Key.StartsWith(val, StringComparison.Ordinal)).Sum(m => m.Value ?? 0) ?? 0
                        : truth.Cell(dim, val) ?? 0;
                    var key = (LevelOf(code), dim);
                    var (withheld, total) = result.GetValueOrDefault(key);
                    result[key] = (withheld + (shown is null ? exact : 0), total + exact);
                }
            }
        }
        return result;
    }
}

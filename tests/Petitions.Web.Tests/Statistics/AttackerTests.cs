using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Statistics;
using Petitions.Testing;
using Petitions.Web.Statistics;
using Xunit.Abstractions;

namespace Petitions.Web.Tests.Statistics;

/// <summary>
/// The public figures of the demo's 801 reports (Hunan, 2012–2021) played against a linear-programming attacker, and
/// what the protection costs in figures withheld.
/// </summary>
public sealed class AttackerTests(PetitionsFactory factory, ITestOutputHelper output) : WebTest(factory)
{
    /// <summary>
    /// The most of a partition's reports that may sit in withheld cells, summed over the pages of one level. Measured on
    /// the demo (docs/statistics.md): province 0 %, cities 5–29 %, counties 65–93 %. The province's breakdowns must stay
    /// whole (2 %); a city's lose at most a third (its 57 reports on average spread over up to 15 values, so a late or
    /// referred handful and its complement go); a county holds 6.5 reports on average, so nearly every cell of its
    /// breakdowns is a small count, and only the totals and zeros can show (95 %).
    /// </summary>
    private static readonly Dictionary<string, double> MaxLoss = new(StringComparer.Ordinal) { ["province"] = 0.02, ["city"] = 0.33, ["county"] = 0.95 };

    private async Task<Dictionary<string, RegionFigures>> PublishDemoAsync()
    {
        var staff = (await Factory.CreateStaffAsync("lead@example.org", Data.Roles.Supervisor, "组长", "湖南省纪委监委", "430000")).Id;
        var reports = new Seeding.HunanCampaign(Factory.Service<Core.Regions.RegionCatalogue>(), Factory.Service<TimeLimitPolicy>()).Generate(staff);
        await StatsPages.StoreAsync(Factory, reports);
        await StatsPages.RefreshAsync(Factory);
        var json = await Factory.QueryAsync(db => db.StatsSnapshots.OrderByDescending(s => s.Id).Select(s => s.PublicJson).FirstAsync());
        return JsonSerializer.Deserialize<Dictionary<string, RegionFigures>>(json)!;
    }

    [Fact]
    public async Task NoSmallCount_CanBeNarrowedFurtherThanThePageSays_NorToFewerThanThreeValues()
    {
        var pages = await PublishDemoAsync();
        var clock = Stopwatch.StartNew();
        var attacker = new StatsAttacker(pages);
        var cells = attacker.Attack();
        output.WriteLine($"{pages.Count} pages, {attacker.Variables} variables, {attacker.Constraints} relations, {cells.Count} withheld cells, {clock.Elapsed.TotalSeconds:F1} s");

        // A small count (1–4) is printed "<5" or as the narrower range a reader can work out: its printed range ends below 5.
        // Complements (5 and up) print ranges that end at 5 or more.
        var small = cells.Where(c => c.PrintedHi < Suppression.DefaultThreshold).ToList();
        Assert.NotEmpty(small);
        var narrowed = small.Where(c => c.Lo > c.PrintedLo + 1e-6 || c.Hi < c.PrintedHi - 1e-6).ToList();
        Assert.True(narrowed.Count == 0, string.Join("\n", narrowed.Select(c => $"{c.Where}: printed {c.PrintedLo}–{c.PrintedHi}, deduced {c.Lo:F2}–{c.Hi:F2}")));
        Assert.All(small, c => Assert.True(c.Hi - c.Lo >= Suppression.MinimumWidth - 1e-6, $"{c.Where}: deduced {c.Lo:F2}–{c.Hi:F2}"));
        // Complements may print a wider range than a solver could work out (interval propagation is weaker); say how many.
        var wider = cells.Where(c => c.PrintedHi >= Suppression.DefaultThreshold && (c.Lo > c.PrintedLo + 1e-6 || c.Hi < c.PrintedHi - 1e-6)).ToList();
        output.WriteLine($"{small.Count} small counts, none narrower than printed; {wider.Count} of {cells.Count - small.Count} complements printed wider than deducible");
        foreach (var c in wider)
        {
            output.WriteLine($"  {c.Where}: printed {c.PrintedLo}–{c.PrintedHi}, deducible {c.Lo:F0}–{c.Hi:F0}");
        }
    }

    [Fact]
    public async Task InformationLoss_StaysUnderTheBoundOfEachLevel()
    {
        await PublishDemoAsync();
        var loss = await InformationLoss.MeasureAsync(Factory);
        foreach (var ((level, dim), (withheld, total)) in loss)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{level} {dim}: {withheld} of {total} withheld ({100.0 * withheld / Math.Max(total, 1):F1} %)"));
        }
        Assert.All(loss, x => Assert.True(x.Value.Withheld <= MaxLoss[x.Key.Level] * x.Value.Total, $"{x.Key}: {x.Value.Withheld} of {x.Value.Total}"));
    }
}

using Petitions.Core.Statistics;

namespace Petitions.Core.Tests;

public sealed class SuppressionTests
{
    [Fact]
    public void SmallCounts_AreWithheld_AndOneWithheldPartTakesAnotherWithIt()
    {
        // total 30 = 3 + 12 + 15: the 3 alone would be 30 - 12 - 15.
        long[] values = [30, 3, 12, 15];
        var hidden = Suppression.Apply(values, [new SumConstraint(0, [1, 2, 3])]);
        Assert.Equal([false, true, true, false], hidden);
        Assert.Empty(Suppression.Recoverable(hidden, [new SumConstraint(0, [1, 2, 3])]));
    }

    [Fact]
    public void TwoWithheldPartsUnderFive_TogetherAreNotEnough()
    {
        // 1 + 2 = 3 would be readable as a pair: a third part is withheld so the hidden ones hold at least 5.
        long[] values = [40, 1, 2, 17, 20];
        var c = new SumConstraint(0, [1, 2, 3, 4]);
        var hidden = Suppression.Apply(values, [c]);
        Assert.Equal([false, true, true, true, false], hidden);
    }

    [Fact]
    public void AWithheldTotal_IsNotLeftRecoverableFromItsParts()
    {
        // The region's total is withheld in its parent's table; its own parts must not add back up to it.
        long[] values = [100, 96, 4, 2, 2];
        SumConstraint[] constraints = [new(0, [1, 2]), new(2, [3, 4])];
        var hidden = Suppression.Apply(values, constraints);
        Assert.True(hidden[2]);
        Assert.True(hidden[1]);
        Assert.Empty(Suppression.Recoverable(hidden, constraints));
    }

    [Fact]
    public void AZeroIsPublished_AndNeverTakenAsAComplement()
    {
        // 20 = 0 + 17 + 3: the 3 is withheld; the zero would protect nothing, so the 17 goes with it.
        long[] values = [20, 0, 17, 3];
        var hidden = Suppression.Apply(values, [new SumConstraint(0, [1, 2, 3])]);
        Assert.Equal([false, false, true, true], hidden);
    }

    [Fact]
    public void AComplement_IsTheSmallestCellThatProtects_AndReadsAsTheRangeItIsKnownToLieIn()
    {
        // The channel table: 870 reports, 868 online, 2 by phone, none by letter or visit.
        long[] values = [870, 868, 2, 0, 0];
        SumConstraint[] constraints = [new(0, [1, 2, 3, 4])];
        var hidden = Suppression.Apply(values, constraints);
        Assert.Equal([false, true, true, false, false], hidden);
        var bounds = Suppression.Bounds(values, hidden, constraints);
        Assert.Equal((866, 870), bounds[1]);
        Assert.Equal((0, 4), bounds[2]);
    }

    /// <summary>
    /// Random two-level tables (regions × categories with row and column totals, and a grand total), the shape
    /// of the public page: after suppression no shown cell is under 5 and the chained-differencing attacker
    /// recovers nothing.
    /// </summary>
    [Fact]
    public void RandomHierarchies_LeaveNothingRecoverable()
    {
        var random = new Random(7);
        for (var round = 0; round < 300; round++)
        {
            var rows = random.Next(2, 7);
            var cols = random.Next(2, 6);
            var values = new List<long>();
            var cells = new int[rows, cols];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++)
                {
                    cells[r, c] = values.Count;
                    values.Add(random.Next(4) == 0 ? random.Next(0, 5) : random.Next(0, 60));
                }
            }
            var rowTotals = Enumerable.Range(0, rows).Select(r => Add(values, Enumerable.Range(0, cols).Sum(c => values[cells[r, c]]))).ToArray();
            var colTotals = Enumerable.Range(0, cols).Select(c => Add(values, Enumerable.Range(0, rows).Sum(r => values[cells[r, c]]))).ToArray();
            var grand = Add(values, rowTotals.Sum(t => values[t]));
            var constraints = new List<SumConstraint>();
            for (var r = 0; r < rows; r++)
            {
                constraints.Add(new SumConstraint(rowTotals[r], Enumerable.Range(0, cols).Select(c => cells[r, c]).ToList()));
            }
            for (var c = 0; c < cols; c++)
            {
                constraints.Add(new SumConstraint(colTotals[c], Enumerable.Range(0, rows).Select(r => cells[r, c]).ToList()));
            }
            constraints.Add(new SumConstraint(grand, rowTotals));
            constraints.Add(new SumConstraint(grand, colTotals));

            var hidden = Suppression.Apply(values, constraints);
            for (var i = 0; i < values.Count; i++)
            {
                Assert.True(hidden[i] || values[i] >= 5 || values[i] == 0);
            }
            Assert.Empty(Suppression.Recoverable(hidden, constraints));
            foreach (var c in constraints.Where(c => !hidden[c.Total] && c.Parts.Any(p => hidden[p])))
            {
                Assert.True(c.Parts.Where(p => hidden[p]).Sum(p => values[p]) >= 5);
            }
            AssertNoPrimaryCanBeNarrowed(values, hidden, constraints, $"round {round}");
        }
    }

    /// <summary>
    /// The interval-propagation attacker over everything printed (shown cells; each small count as "&lt;5", i.e. 0–4,
    /// or the narrower range printed for it; each complement's printed range): every printed range holds the true
    /// value, and no small count can be worked down to fewer than three possible values.
    /// </summary>
    internal static void AssertNoPrimaryCanBeNarrowed(IReadOnlyList<long> values, bool[] hidden, IReadOnlyList<SumConstraint> constraints, string where)
    {
        var printed = Suppression.Bounds(values, hidden, constraints);
        for (var i = 0; i < values.Count; i++)
        {
            Assert.True(printed[i].Lo <= values[i] && values[i] <= printed[i].Hi, $"{where}: cell {i} ({values[i]}) printed as {printed[i]}");
            if (hidden[i] && Suppression.IsPrimary(values[i]))
            {
                Assert.True(printed[i].Hi - printed[i].Lo >= Suppression.MinimumWidth, $"{where}: cell {i} ({values[i]}) narrowed to {printed[i]}");
            }
        }
    }

    private static int Add(List<long> values, long value)
    {
        values.Add(value);
        return values.Count - 1;
    }

    [Fact]
    public void Percentiles_ComeFromTheHistogram()
    {
        (int, long)[] histogram = [(2, 1), (3, 1), (5, 1), (20, 1)];
        Assert.Equal(3, DayPercentiles.Percentile(histogram, 0.5));
        Assert.Equal(20, DayPercentiles.Percentile(histogram, 0.9));
        Assert.Null(DayPercentiles.Percentile([], 0.5));
        Assert.Equal(7, DayPercentiles.Percentile([(7, 100)], 0.9));
    }
}

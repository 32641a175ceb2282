using Petitions.Core.Triage;

namespace Petitions.Core.Tests;

public sealed class SketchesTests
{
    private static int[] Sketch(params (int Bin, int Min)[] values) => values.Select(v => (v.Bin << 24) | v.Min).Order().ToArray();

    [Fact]
    public void Common_CountsTheValuesBothHave()
    {
        Assert.Equal(2, Sketches.Common(Sketch((0, 5), (1, 7), (2, 9)), Sketch((0, 5), (1, 8), (2, 9), (3, 1))));
        Assert.Equal(0, Sketches.Common([], Sketch((0, 5))));
    }

    [Fact]
    public void Closest_KeepsThoseFromTheThreshold_MostAlikeFirst_TheMoreRecentFirstAmongEquals()
    {
        var own = Sketch(Enumerable.Range(0, 32).Select(b => (b, b)).ToArray());
        SketchCandidate Agreeing(int bins) => new(Guid.NewGuid(), Sketch(Enumerable.Range(0, 32).Select(b => (b, b < bins ? b : b + 1000)).ToArray()));
        var (half, allRecent, allOlder, below) = (Agreeing(16), Agreeing(32), Agreeing(32), Agreeing(7));
        var closest = Sketches.Closest(own, [half, allRecent, below, allOlder]);
        Assert.Equal([allRecent.Id, allOlder.Id, half.Id], closest);
    }

    [Fact]
    public void Closest_ComparesExactlyAtMostTheCap_AndAnEmptySketchNothing()
    {
        var own = Sketch((0, 1), (1, 2));
        var many = Enumerable.Range(0, 500).Select(_ => new SketchCandidate(Guid.NewGuid(), own)).ToList();
        Assert.Equal(RelatedReports.MaxExactComparisons, Sketches.Closest(own, many).Count);
        Assert.Empty(Sketches.Closest([], [new SketchCandidate(Guid.NewGuid(), own)]));
    }
}

using Petitions.Core.Triage;

namespace Petitions.Core.Tests;

public sealed class RelatedReportsTests
{
    private const string Hengnan = "430422";

    [Fact]
    public void TheSameName_IsTheSamePersonOnlyWithTheSameUnitOrInTheSameCounty()
    {
        var named = new[] { new NamedParty("王某", "衡南县人社局") };
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();
        var links = RelatedReports.Find(named, Hengnan,
            [
                new NamedInEarlier(a, "王某", "衡南县人社局", "430100"),  // same unit, elsewhere
                new NamedInEarlier(b, "王某", null, Hengnan),          // same county
                new NamedInEarlier(c, "王某", "长沙市某局", "430100"),    // another 王某
            ], []);
        Assert.Equal([a, b], links.Where(l => l.Reason == LinkReason.SamePerson).Select(l => l.RelatedReportId));
        Assert.Equal([a], links.Where(l => l.Reason == LinkReason.SameUnit).Select(l => l.RelatedReportId));
    }

    [Fact]
    public void ANameWithoutAUnit_IsTheSamePersonOnlyInTheSameCounty()
    {
        var named = new[] { new NamedParty("王某", null) };
        var here = Guid.NewGuid();
        var elsewhere = Guid.NewGuid();
        var links = RelatedReports.Find(named, Hengnan,
            [new NamedInEarlier(elsewhere, "王某", null, "430100"), new NamedInEarlier(here, "王某", null, Hengnan)], []);
        Assert.Equal([here], links.Select(l => l.RelatedReportId));
    }

    [Fact]
    public void SimilarText_CountsFromTheThreshold_MostSimilarFirst()
    {
        var high = Guid.NewGuid();
        var low = Guid.NewGuid();
        var links = RelatedReports.Find([], Hengnan, [],
            [new SimilarEarlier(low, RelatedReports.SimilarityThreshold - 0.01), new SimilarEarlier(high, 0.9)]);
        var only = Assert.Single(links);
        Assert.Equal((high, LinkReason.SimilarText, "0.90"), (only.RelatedReportId, only.Reason, only.Detail));
    }

    [Fact]
    public void EachReason_IsCappedAndEachReportLinkedOncePerReason()
    {
        var named = new[] { new NamedParty(null, "衡南县农保中心") };
        var earlier = Enumerable.Range(0, 50).Select(_ => new NamedInEarlier(Guid.NewGuid(), null, "衡南县农保中心", Hengnan)).ToList();
        earlier.Add(earlier[0]);
        var links = RelatedReports.Find(named, Hengnan, earlier, []);
        Assert.Equal(RelatedReports.MaxLinksPerReason, links.Count);
        Assert.Equal(links.Count, links.Select(l => l.RelatedReportId).Distinct().Count());
    }

    [Fact]
    public void BlankNamesAndUnits_AreNotKeys()
    {
        var (names, units) = RelatedReports.Keys([new NamedParty("  ", " 农保中心 "), new NamedParty(null, null)]);
        Assert.Empty(names);
        Assert.Equal(["农保中心"], units);
    }
}

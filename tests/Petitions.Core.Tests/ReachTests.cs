using Petitions.Core.Regions;

namespace Petitions.Core.Tests;

/// <summary>The one jurisdiction rule: in memory and as the database applies it, it agrees with the region tree everywhere.</summary>
public sealed class ReachTests
{
    private static readonly RegionCatalogue Regions = RegionCatalogue.Default;

    [Fact]
    public void Covers_AgreesWithTheRegionTree_ForEveryPairOfRegions()
    {
        var all = Regions.All.Select(r => r.Code).ToList();
        var disagreements = new List<string>();
        foreach (var jurisdiction in all)
        {
            var reach = new Reach([jurisdiction]);
            foreach (var region in all)
            {
                if (reach.Covers(region) != Regions.IsWithin(region, jurisdiction))
                {
                    disagreements.Add($"{jurisdiction} / {region}");
                }
            }
        }
        Assert.True(all.Count > 3000, $"{all.Count} regions");
        Assert.Empty(disagreements.Take(20));
    }

    [Fact]
    public void ACitysReach_CoversItsCounties_NotItsNeighbours_AndNamesItsRoot()
    {
        var reach = new Reach(["430400", "440000"]);
        Assert.True(reach.Covers("430422"));
        Assert.True(reach.Covers("430400"));
        Assert.False(reach.Covers("430000"));
        Assert.False(reach.Covers("430100"));
        Assert.True(reach.Covers("440300"));
        Assert.False(reach.Covers(null));
        Assert.False(Reach.None.Covers("430422"));
        Assert.Equal("430400", reach.RootOf("430422"));
        Assert.Null(reach.RootOf("430102"));
        Assert.Equal(["4304", "44"], reach.Prefixes);
        Assert.True(reach.Overlaps(new Reach(["430000"])));
        Assert.False(reach.Overlaps(new Reach(["430102"])));
    }
}

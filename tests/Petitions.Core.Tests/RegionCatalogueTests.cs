using Petitions.Core.Regions;

namespace Petitions.Core.Tests;

public sealed class RegionCatalogueTests
{
    private static readonly RegionCatalogue Regions = RegionCatalogue.Default;

    [Fact]
    public void Hengnan_LiesInHengyangInHunan()
    {
        var lineage = Regions.Lineage("430422");
        Assert.Equal(["430422", "430400", "430000"], lineage.Select(r => r.Code));
        Assert.Equal("湖南省 / 衡阳市 / 衡南县", Regions.FullName("430422"));
        Assert.Equal(RegionLevel.County, lineage[0].Level);
        Assert.True(Regions.IsWithin("430422", "430000"));
        Assert.False(Regions.IsWithin("430422", "440000"));
    }

    [Fact]
    public void Catalogue_HoldsEveryProvinceWithCitiesAndCounties()
    {
        Assert.Equal(31, Regions.Provinces.Count);
        Assert.True(Regions.Count > 3000);
        Assert.Contains(Regions.ChildrenOf("430400"), r => r.Name == "衡南县");
        Assert.Empty(Regions.ChildrenOf("999999"));
        Assert.Null(Regions.Find("999999"));
    }
}

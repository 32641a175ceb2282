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

    [Theory]
    [InlineData("430422", "Hengnan County")]
    [InlineData("430400", "Hengyang City")]
    [InlineData("500000", "Chongqing Municipality")]
    [InlineData("610000", "Shaanxi Province")]
    [InlineData("140000", "Shanxi Province")]
    [InlineData("610100", "Xi'an City")]
    [InlineData("430100", "Changsha City")]
    [InlineData("522600", "Qiandongnan Miao and Dong Autonomous Prefecture")]
    [InlineData("450000", "Guangxi Zhuang Autonomous Region")]
    [InlineData("430473", "Songmu Economic Development Zone")]
    [InlineData("430476", "Hengyang High-tech Industrial Park")]
    [InlineData("430671", "Quyuan Administrative Zone")]
    public void EveryRegion_HasAnEnglishName_InPinyinWithItsKindOfDivision(string code, string english)
    {
        Assert.Equal(english, RegionCatalogue.Default.Find(code)!.English);
    }

    [Fact]
    public void EnglishNames_StandBesideTheOfficialName_AndNoneIsMissingOrChinese()
    {
        var catalogue = RegionCatalogue.Default;
        Assert.Equal("Hengnan County (衡南县)", catalogue.NameOf("430422", chinese: false));
        Assert.Equal("衡南县", catalogue.NameOf("430422", chinese: true));
        Assert.Equal("Hunan Province / Hengyang City / Hengnan County (衡南县)", catalogue.FullName("430422", chinese: false));
        var all = catalogue.Provinces.SelectMany(p => catalogue.ChildrenOf(p.Code).Prepend(p)).SelectMany(r => catalogue.ChildrenOf(r.Code).Prepend(r)).ToList();
        Assert.All(all, r => Assert.Matches("^[A-Za-zü' ,()-]+$", r.English ?? ""));
    }
}

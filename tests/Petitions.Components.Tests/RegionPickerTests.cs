using Petitions.Core.Regions;
using Petitions.Web.Components;

namespace Petitions.Components.Tests;

public sealed class RegionPickerTests : ComponentTest
{
    private static readonly RegionCatalogue Regions = RegionCatalogue.Default;

    [Fact]
    public void WithNothingChosen_OffersProvincesOnly()
    {
        var cut = Render<RegionPicker>(p => p.Add(r => r.Provinces, Regions.Provinces));

        var province = cut.Find("select[name='Input.ProvinceCode']");
        Assert.Equal(Regions.Provinces.Count + 1, province.QuerySelectorAll("option").Length);
        Assert.Contains(province.QuerySelectorAll("option"), o => o.TextContent == "湖南省");
        Assert.Single(cut.FindAll("select[name='Input.CityCode'] option"));
        Assert.Equal("Input_CityCode", province.GetAttribute("data-region-next"));
        Assert.Equal("省（自治区、直辖市）", cut.Find("label[for='Input_ProvinceCode']").TextContent.Trim());
    }

    [Fact]
    public void WithACountyChosen_KeepsTheThreeChoicesSelected()
    {
        var cut = Render<RegionPicker>(p => p
            .Add(r => r.Provinces, Regions.Provinces)
            .Add(r => r.Cities, Regions.ChildrenOf("430000"))
            .Add(r => r.Counties, Regions.ChildrenOf("430400"))
            .Add(r => r.ProvinceCode, "430000").Add(r => r.CityCode, "430400").Add(r => r.CountyCode, "430422"));

        Assert.Equal("430000", cut.Find("select[name='Input.ProvinceCode'] option[selected]").GetAttribute("value"));
        Assert.Equal("衡阳市", cut.Find("select[name='Input.CityCode'] option[selected]").TextContent);
        Assert.Equal("衡南县", cut.Find("select[name='Input.CountyCode'] option[selected]").TextContent);
    }

    [Fact]
    public void AnError_IsShownNextToItsSelect_AndLinkedForScreenReaders()
    {
        UseLanguage("en");
        var cut = Render<RegionPicker>(p => p
            .Add(r => r.Provinces, Regions.Provinces)
            .Add(r => r.Errors, new Dictionary<string, string> { ["Input.CountyCode"] = "This region does not exist." }));

        var county = cut.Find("#Input_CountyCode");
        Assert.Equal("true", county.GetAttribute("aria-invalid"));
        Assert.Equal("This region does not exist.", cut.Find("#" + county.GetAttribute("aria-describedby")).TextContent);
        Assert.Null(cut.Find("#Input_CityCode").GetAttribute("aria-invalid"));
        Assert.Equal("Province", cut.Find("label[for='Input_ProvinceCode']").TextContent.Trim());
    }

    [Fact]
    public void TheNoScriptUpdateButton_PostsToTheGivenAction()
    {
        var cut = Render<RegionPicker>(p => p.Add(r => r.Provinces, Regions.Provinces).Add(r => r.UpdateAction, "/Report?handler=Region"));
        var button = cut.Find("button[type=submit]");
        Assert.Equal("/Report?handler=Region", button.GetAttribute("formaction"));
        Assert.True(button.HasAttribute("formnovalidate"));
    }
}

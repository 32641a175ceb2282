using Petitions.Web.Components;
using Petitions.Web.Statistics;

namespace Petitions.Components.Tests;

public sealed class StatsComponentsTests : ComponentTest
{
    [Fact]
    public void Breakdown_IsAChartBoxAndAnAccessibleTable_WithWithheldCellsInWords()
    {
        UseLanguage("en");
        var breakdown = new Breakdown("region", "Reports by region", "bar",
        [
            new BreakdownRow("430422", "衡南县", 1234, "/Stats?region=430422"),
            new BreakdownRow("430481", "耒阳市", null),
            new BreakdownRow("self", "衡阳市 itself", 0),
        ]);
        var cut = Render<StatsBreakdown>(p => p.Add(c => c.Breakdown, breakdown));

        var figure = cut.Find("figure#breakdown-region");
        Assert.Equal("bar", figure.GetAttribute("data-chart"));
        Assert.Equal("breakdown-region-title", figure.GetAttribute("aria-labelledby"));
        // The canvas is decoration for sighted readers; the table carries the figures.
        Assert.Equal("true", cut.Find("canvas").GetAttribute("aria-hidden"));
        Assert.Equal("Reports by region", cut.Find("table caption").TextContent);
        Assert.Equal(["Category", "Reports"], cut.FindAll("thead th").Select(th => th.TextContent));
        Assert.Equal("row", cut.FindAll("tbody th")[0].GetAttribute("scope"));

        var cells = cut.FindAll("tbody td");
        Assert.Equal(("1,234", "1234"), (cells[0].TextContent, cells[0].GetAttribute("data-value")));
        Assert.Equal(("<5", "", "true"), (cells[1].TextContent, cells[1].GetAttribute("data-value"), cells[1].GetAttribute("data-withheld")));
        Assert.Equal("0", cells[2].GetAttribute("data-value"));
        Assert.Equal("/Stats?region=430422", cut.Find("tbody a").GetAttribute("href"));
        Assert.Single(cut.FindAll("tbody a"));
    }

    [Fact]
    public void Figures_ShowUnitsPercentagesAndWithheldCounts_InTheReadersLanguage()
    {
        var section = new FigureSection("overview", "概况",
        [
            new Figure("Total", "收到举报", 801, FigureFormat.Count),
            new Figure("VerificationRate", "查实率", 41.9m, FigureFormat.Percent),
            new Figure("AcceptMedian", "决定受理用时中位数", 8, FigureFormat.Days),
            new Figure("MoneyStopped", "停发金额", 64_772_000m, FigureFormat.Money),
            new Figure("Overdue", "超期未办结", null, FigureFormat.Count, Withheld: true),
            new Figure("ConcludedOnTime", "在期限内办结", null, FigureFormat.Percent),
        ]);
        var cut = Render<StatsFigures>(p => p.Add(c => c.Section, section));
        var rows = cut.FindAll("tbody tr");
        Assert.Equal("概况", cut.Find("h2").TextContent);
        Assert.Equal("801", rows[0].QuerySelector("td")!.TextContent);
        Assert.Equal("41.9%", rows[1].QuerySelector("td")!.TextContent);
        Assert.Equal("决定受理用时中位数 (天)", rows[2].QuerySelector("th")!.TextContent);
        Assert.Equal("64,772,000", rows[3].QuerySelector("td")!.TextContent);
        Assert.Equal("停发金额 (元)", rows[3].QuerySelector("th")!.TextContent);
        Assert.Equal("<5", rows[4].QuerySelector("td")!.TextContent);
        Assert.Equal("—", rows[5].QuerySelector("td")!.TextContent);
    }
}

using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// A member of the public reads /Stats on a phone, in Chinese, over the Hunan data set: every figure true, the
/// channel table shows its online count, and the year chart's axis starts at zero.
/// </summary>
public sealed class PublicStatsTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task ThePublicPage_ShowsTrueFigures_OnAPhone_InChinese()
    {
        var reports = await SeedHunanAsync();

        var page = await Fixture.NewPageAsync("zh-CN");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/Stats");
        await Expect(page.Locator(".stats-figures tr[data-key='Total'] td")).ToHaveTextAsync("801");
        // Every report of the set came in online: the channel table says so, not "<5".
        await Expect(page.Locator("#breakdown-channel tr[data-key='online'] td")).ToHaveTextAsync("801");
        await Expect(page.Locator("#breakdown-channel tr[data-key='letter'] td")).ToHaveTextAsync("0");
        var in2012 = reports.Count(r => r.SubmittedAt.AddHours(8).Year == 2012);
        await Expect(page.Locator("#breakdown-trend tr[data-key='2012'] td")).ToHaveTextAsync(in2012.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // "<5" appears only where the count is under five; the footnote explains ranges.
        foreach (var cell in await page.Locator(".stats-table td[data-withheld='true']").AllAsync())
        {
            var text = (await cell.TextContentAsync())!.Trim();
            Assert.Matches(@"^(<5|\d[\d,]*–\d[\d,]*)$", text);
        }
        await Expect(page.Locator("#suppression-note")).ToContainTextAsync("866–870");
        var yMin = await page.EvaluateAsync<double>("() => Chart.getChart(document.querySelector('#breakdown-trend canvas')).scales.y.min");
        Assert.Equal(0, yMin);
        // Nothing runs off the side of a phone's screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }
}

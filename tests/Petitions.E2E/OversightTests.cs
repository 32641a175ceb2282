using Microsoft.Playwright;
using Petitions.Data;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// The oversight reader, on the Hunan data set: signs in with an authenticator code, sees 801 reports for
/// 2012–2021 drawn as charts, filters by period, drills into Hengyang and Hengnan, and downloads the XLSX.
/// </summary>
public sealed class OversightTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task TheOversightReader_FiltersDrillsDownAndDownloads()
    {
        var site = Fixture.Site;
        await site.CreateStaffAsync("auditor@example.org", Roles.Oversight, "钱审计", "湖南省审计厅", "430000");
        var reports = await SeedHunanAsync();

        var page = await Fixture.NewPageAsync("en");
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text + " " + message.Location);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        await SignInAsync(page, "auditor@example.org");

        await page.GetByRole(AriaRole.Link, new() { Name = "Oversight" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Oversight dashboard");
        await Expect(page.Locator(".stats-figures tr[data-key='Total'] td")).ToHaveTextAsync("801");
        // Every breakdown is drawn by Chart.js from its table (no inline script, nothing from a CDN).
        var charts = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('figure[data-chart] canvas')].filter(c => Chart.getChart(c)).length");
        Assert.Equal(await page.Locator("figure[data-chart]").CountAsync(), charts);

        await page.Locator("#from").FillAsync("2021-01");
        await page.Locator("#to").FillAsync("2021-12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var in2021 = reports.Count(r => r.SubmittedAt.AddHours(8).Year == 2021);
        await Expect(page.Locator(".stats-figures tr[data-key='Total'] td")).ToHaveTextAsync(in2021.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")));
        await Expect(page.Locator("#stats-period")).ToHaveTextAsync("2021-01 – 2021-12");

        await page.Locator("#breakdown-region").GetByRole(AriaRole.Link, new() { Name = "衡阳市" }).ClickAsync();
        await Expect(page.Locator("#stats-region")).ToHaveTextAsync("Hunan Province / Hengyang City (衡阳市)");
        await page.Locator("#breakdown-region").GetByRole(AriaRole.Link, new() { Name = "衡南县" }).ClickAsync();
        await Expect(page.Locator("#stats-region")).ToHaveTextAsync("Hunan Province / Hengyang City / Hengnan County (衡南县)");
        var hengnan2021 = reports.Count(r => r.RegionCode == "430422" && r.SubmittedAt.AddHours(8).Year == 2021);
        await Expect(page.Locator(".stats-figures tr[data-key='Total'] td")).ToHaveTextAsync(hengnan2021.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The period stays with the drill-down.
        await Expect(page.Locator("#from")).ToHaveValueAsync("2021-01");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-xlsx").ClickAsync());
        Assert.Equal("petitions-430422-2021-01-2021-12.xlsx", download.SuggestedFilename);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length > 1000 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K');

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

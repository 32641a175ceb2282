using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.Data;
using Petitions.Testing;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// A data-matching analyst, on a phone-sized screen, imports the roll and the ledger, then a GB18030 cremation register
/// with one bad row: refused with its line, nothing stored; corrected and imported; the run then shows the dead
/// pensioner still paid, with the money.
/// </summary>
public sealed class MatchingJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    static MatchingJourneyTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static async Task ImportAsync(IPage page, string source, byte[] file, string name)
    {
        await page.Locator("#Source").SelectOptionAsync(source);
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = file });
        await page.Locator("#import-form button[type=submit]").ClickAsync();
    }

    [Fact]
    public async Task AnAnalyst_ImportsRegisters_FixesARefusedFile_AndSeesTheDeadStillPaid()
    {
        var site = Fixture.Site;
        await site.CreateStaffAsync("analyst@example.org", Roles.Analyst, "钱分析", "湖南省人社厅基金监督处", "430000");
        var wang = TestFiles.IdNumber("43042219480315001");
        var page = await Fixture.NewPageAsync("zh-CN");
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, "analyst@example.org");
        await page.GotoAsync("/Matching/Registers");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("数据比对登记册");

        await ImportAsync(page, "PensionRoll", Encoding.UTF8.GetBytes($"个人编号,姓名,身份证号,行政区划,社保卡号,月发放金额\nP1,王德顺,{wang},衡南县,6217000000000001,1830.50\n"), "名册.csv");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已导入：“名册.csv”中的 1 行。");
        var ledger = new StringBuilder("个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期\n");
        for (var month = new DateOnly(2019, 1, 1); month <= new DateOnly(2019, 12, 1); month = month.AddMonths(1))
        {
            ledger.Append(System.Globalization.CultureInfo.InvariantCulture, $"P1,6217000000000001,{month:yyyy-MM},1830.50,正常发放,{month:yyyy-MM}-15\n");
        }
        await ImportAsync(page, "PaymentLedger", Encoding.UTF8.GetBytes(ledger.ToString()), "发放明细.csv");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已导入：“发放明细.csv”中的 12 行。");

        var gb = Encoding.GetEncoding("GB18030");
        await ImportAsync(page, "Cremation", gb.GetBytes($"姓名,身份证号,火化日期\r\n王德顺,{wang},2019-03-32\r\n"), "火化.csv");
        await Expect(page.Locator("#problems tbody tr")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("2\\s*火化日期\\s*不是日期"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "no sideways scrolling at 390 px");
        Assert.Equal(0, await site.QueryAsync(db => db.RegisterEntries.CountAsync(e => e.Source == Core.Matching.RegisterSource.Cremation)));

        await ImportAsync(page, "Cremation", gb.GetBytes($"姓名,身份证号,火化日期\r\n王德顺,{wang},2019-03-02\r\n"), "火化.csv");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已导入：“火化.csv”中的 1 行。");

        // Each import asked for a run; the last one sees all three registers.
        await Wait.UntilAsync(() => site.QueryAsync(db => db.MatchHits.AnyAsync()), TimeSpan.FromSeconds(30));
        await page.GetByRole(AriaRole.Link, new() { Name = "比对发现的疑点" }).ClickAsync();
        // Died in March 2019, April is the grace: May to December, eight months.
        await Expect(page.Locator("#hit-totals")).ToHaveTextAsync("共 1 条疑点；死亡后发放合计 ¥14,644.00。");
        await Expect(page.Locator("#hits tr[data-person='P1']")).ToContainTextAsync("王德顺");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "no sideways scrolling at 390 px");
    }
}

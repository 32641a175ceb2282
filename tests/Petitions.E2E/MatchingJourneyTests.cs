using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.Data;
using Petitions.Testing;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// A data-matching analyst, on a phone-sized screen, imports the roll and the ledger, then a GB18030 cremation register
/// with one bad row and a column it does not know: refused with its line, nothing stored; the column is mapped (left
/// out), the row corrected and the file imported; the run shows the dead still paid, with the money, and opens a case
/// for each. An officer of 衡南县, in English and without JavaScript, confirms one (payment stopped, money to recover)
/// and marks the other a namesake; the dashboard moves; the next run brings neither back; /Oversight counts both cases
/// as data matching.
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

        var li = TestFiles.IdNumber("43042219520607002");
        await ImportAsync(page, "PensionRoll", Encoding.UTF8.GetBytes($"个人编号,姓名,身份证号,行政区划,社保卡号,月发放金额\nP1,王德顺,{wang},衡南县,6217000000000001,1830.50\nP2,李秀英,{li},衡南县,6217000000000002,1600\n"), "名册.csv");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已导入：“名册.csv”中的 2 行。");
        var ledger = new StringBuilder("个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期\n");
        for (var month = new DateOnly(2019, 1, 1); month <= new DateOnly(2019, 12, 1); month = month.AddMonths(1))
        {
            ledger.Append(System.Globalization.CultureInfo.InvariantCulture, $"P1,6217000000000001,{month:yyyy-MM},1830.50,正常发放,{month:yyyy-MM}-15\n");
            ledger.Append(System.Globalization.CultureInfo.InvariantCulture, $"P2,6217000000000002,{month:yyyy-MM},1600,正常发放,{month:yyyy-MM}-15\n");
        }
        await ImportAsync(page, "PaymentLedger", Encoding.UTF8.GetBytes(ledger.ToString()), "发放明细.csv");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已导入：“发放明细.csv”中的 24 行。");

        var gb = Encoding.GetEncoding("GB18030");
        await ImportAsync(page, "Cremation", gb.GetBytes($"姓名,身份证号,火化日期,备注\r\n王德顺,{wang},2019-03-32,\r\n李秀英,{li},2019-06-10,殡仪馆登记\r\n"), "火化.csv");
        await Expect(page.Locator("#problems tbody tr")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("1\\s*备注"));
        // The remark column: left out, from now on, for this register.
        await page.Locator("#map-0").SelectOptionAsync("ignore");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存列名含义" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已为该来源保存 1 个列名的含义。请重新选择文件导入。");
        // Sent again: now the bad date is named by its line, and nothing is stored.
        await ImportAsync(page, "Cremation", gb.GetBytes($"姓名,身份证号,火化日期,备注\r\n王德顺,{wang},2019-03-32,\r\n李秀英,{li},2019-06-10,殡仪馆登记\r\n"), "火化.csv");
        await Expect(page.Locator("#problems tbody tr")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("2\\s*火化日期\\s*不是日期"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "no sideways scrolling at 390 px");
        Assert.Equal(0, await site.QueryAsync(db => db.RegisterEntries.CountAsync(e => e.Source == Core.Matching.RegisterSource.Cremation)));

        await ImportAsync(page, "Cremation", gb.GetBytes($"姓名,身份证号,火化日期,备注\r\n王德顺,{wang},2019-03-02,\r\n李秀英,{li},2019-06-10,殡仪馆登记\r\n"), "火化.csv");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已导入：“火化.csv”中的 2 行。");

        // Each import asked for a run; the last one sees all three registers and opens a case for each person.
        await Wait.UntilAsync(() => site.QueryAsync(db => db.Reports.CountAsync(r => r.Source == Core.Reports.ReportSource.DataMatching)).ContinueWith(t => t.Result == 2),
            TimeSpan.FromSeconds(30));
        await page.GetByRole(AriaRole.Link, new() { Name = "比对发现的疑点" }).ClickAsync();
        // Wang died in March 2019, April is the grace: May to December, eight months. Li: August to December, five.
        await Expect(page.Locator("#hit-totals")).ToHaveTextAsync("共 2 条疑点；死亡后发放合计 ¥22,644.00。");
        await Expect(page.Locator("#hits tr[data-person='P1']")).ToContainTextAsync("王德顺");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "no sideways scrolling at 390 px");

        // The officer of the county, in English, without JavaScript.
        await site.CreateStaffAsync("zhou@example.org", Roles.Officer, "周洁", "衡南县人社局", "430422");
        var officer = await Fixture.NewPageAsync("en", javaScript: false);
        await SignInAsync(officer, "zhou@example.org");
        async Task OpenAcceptedAsync(string person)
        {
            var id = await site.QueryAsync(db => db.Reports.Where(r => r.SourceReference!.StartsWith(person + "/hit-")).Select(r => r.Id).SingleAsync());
            await officer.GotoAsync($"/Staff/Report/{id}");
            await Expect(officer.Locator("#report-source")).ToContainTextAsync("Data matching");
            foreach (var (action, status) in new[] { ("Claim", "Submitted"), ("Accept", "Assigned") })
            {
                await officer.Locator($"form[data-action='{action}'] button[type=submit]").ClickAsync();
                await Expect(officer.Locator("#report-status")).ToHaveTextAsync(status);
            }
        }
        await OpenAcceptedAsync("P1");
        await Expect(officer.Locator("#match-hits")).ToContainTextAsync("Paid for 8 months after it (2019-05 to 2019-12): ¥14,644.00.");
        await officer.GetByRole(AriaRole.Radio, new() { Name = "Confirmed" }).CheckAsync();
        await officer.GetByLabel("Payment stopped on").FillAsync("2020-01-10");
        await officer.GetByLabel("Recovered so far (yuan)").FillAsync("3000");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }).ClickAsync();
        await Expect(officer.Locator("#notice")).ToHaveTextAsync("The hit is recorded as confirmed.");
        await Expect(officer.Locator("#match-hits .hit-decision")).ToContainTextAsync("payment stopped on 2020-01-10; to recover ¥14,644.00; recovered ¥3,000.00");

        await OpenAcceptedAsync("P2");
        await officer.GetByRole(AriaRole.Radio, new() { Name = "False positive" }).CheckAsync();
        await officer.GetByLabel("If a false positive: why").SelectOptionAsync("Namesake");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }).ClickAsync();
        await Expect(officer.Locator("#notice")).ToHaveTextAsync("The hit is recorded as a false positive; it will not come back.");

        // The analyst's dashboard moves; next month's run brings neither back.
        await page.ReloadAsync();
        await Expect(page.Locator("#by-rule tr[data-key='paid-after-death'] td").Nth(4)).ToHaveTextAsync("50.0%");
        await page.GetByRole(AriaRole.Button, new() { Name = "立即运行比对" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToBeVisibleAsync();
        await Wait.UntilAsync(() => site.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Detail.StartsWith("matching run:"))).ContinueWith(t => t.Result >= 4),
            TimeSpan.FromSeconds(30));
        Assert.Equal(2, await site.QueryAsync(db => db.Reports.CountAsync(r => r.Source == Core.Reports.ReportSource.DataMatching)));
        Assert.Equal(2, await site.QueryAsync(db => db.MatchHits.CountAsync(h => h.Decision != null)));

        // Oversight reads the two cases under their own origin, beside the citizens' reports (none here).
        await site.CreateStaffAsync("auditor@example.org", Roles.Oversight, "钱审计", "湖南省审计厅", "430000");
        await site.RunRecurringAsync(Web.Jobs.StatsRefreshJob.Id);
        var auditor = await Fixture.NewPageAsync("zh-CN");
        await SignInAsync(auditor, "auditor@example.org");
        await auditor.GotoAsync("/Oversight?region=430422");
        await Expect(auditor.Locator("#breakdown-origin tr[data-key='data-matching'] th")).ToHaveTextAsync("数据比对");
        await Expect(auditor.Locator("#breakdown-origin tr[data-key='data-matching'] td").First).ToHaveTextAsync("2");
    }
}

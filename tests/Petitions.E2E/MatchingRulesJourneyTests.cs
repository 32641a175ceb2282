using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.UseCases.Matching;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// The two matching pages the analyst's journey does not cross. An administrator, in English on a phone-sized screen,
/// sets a rule's threshold out of range (refused beside the field, what was typed kept), then within it (saved, audited).
/// An officer of 衡南县, in Chinese without JavaScript, opens a citizen's report naming two identity numbers, asks the
/// registers about them, and reads that one is a pensioner recorded dead, already a hit on a case, and the other unknown.
/// </summary>
public sealed class MatchingRulesJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AnAdministrator_SetsAThreshold_AfterARefusal_AndAnOfficer_AsksTheRegistersAboutAReport()
    {
        var site = Fixture.Site;
        await site.CreateStaffAsync("admin@example.org", Roles.Admin, "管理员", "湖南省人社厅", "430000");
        var admin = await Fixture.NewPageAsync("en");
        await admin.SetViewportSizeAsync(390, 844);
        await SignInAsync(admin, "admin@example.org");
        await admin.GotoAsync("/Admin/MatchingRules");
        var threshold = admin.Locator("#rule-raised-outside-adjustment-threshold");
        await Expect(threshold).ToHaveValueAsync("10");
        await threshold.FillAsync("101");
        await admin.Locator("#rule-raised-outside-adjustment button[type=submit]").ClickAsync();
        await Expect(admin.Locator("#rule-raised-outside-adjustment-error")).ToHaveTextAsync("Enter a whole number between 0 and 100.");
        await Expect(admin.Locator("#rule-raised-outside-adjustment-threshold")).ToHaveValueAsync("101");
        await admin.Locator("#rule-raised-outside-adjustment-threshold").FillAsync("15");
        await admin.Locator("#rule-raised-outside-adjustment button[type=submit]").ClickAsync();
        await Expect(admin.Locator("#notice")).ToHaveTextAsync("Saved. The next matching run uses it.");
        await Expect(admin.Locator("#rule-raised-outside-adjustment-threshold")).ToHaveValueAsync("15");
        Assert.Equal(15, await site.QueryAsync(db => db.MatchingRules.Where(r => r.Code == RiskRules.RaisedOutsideAdjustment).Select(r => r.Threshold).SingleAsync()));

        // Registers with one dead pensioner still paid, and the run's case for him.
        var dead = TestFiles.IdNumber("43042219400101001");
        var unknown = TestFiles.IdNumber("43042219600101002");
        await ImportAsync(site, RegisterSource.PensionRoll, $"个人编号,姓名,身份证号,行政区划,社保卡号,月发放金额\nP1,王德顺,{dead},430422,6217000000000001,1500\n");
        var ledger = new StringBuilder("个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人\n");
        for (var month = 1; month <= 12; month++)
        {
            ledger.Append(System.Globalization.CultureInfo.InvariantCulture, $"P1,6217000000000001,2020-{month:D2},1500,正常发放,2020-{month:D2}-15,周某\n");
        }
        await ImportAsync(site, RegisterSource.PaymentLedger, ledger.ToString());
        await ImportAsync(site, RegisterSource.Cremation, $"姓名,身份证号,火化日期\n王德顺,{dead},2020-03-02\n");
        await site.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id, TimeSpan.FromMinutes(1));
        var caseNumber = await site.QueryAsync(db => db.Reports.Where(r => r.Source == Core.Reports.ReportSource.DataMatching).Select(r => r.TrackingNumber).SingleAsync());
        var (id, _, _) = await Filing.FileAndTriageAsync(site, new FormClient(new HttpClient { BaseAddress = site.RootUri }), Filing.ValidFields(
            $"我村王德顺（身份证号 {dead}）2020年3月已去世，他的养老金至今仍在发放；另一位老人身份证 {unknown} 的情况也请核实。"));

        await site.CreateStaffAsync("zhou@example.org", Roles.Officer, "周洁", "衡南县人社局", "430422");
        var officer = await Fixture.NewPageAsync("zh-CN", javaScript: false);
        await officer.SetViewportSizeAsync(390, 844);
        await SignInAsync(officer, "zhou@example.org");
        await officer.GotoAsync($"/Staff/Report/{id}");
        await officer.Locator("#registers-lookup").ClickAsync();
        await Expect(officer.Locator("#lookup-form p")).ToHaveTextAsync("本举报写明了 2 个有效身份证号。");
        await Expect(officer.Locator(".lookup-answer")).ToHaveCountAsync(0);
        await officer.Locator("#lookup-form button[type=submit]").ClickAsync();
        await Expect(officer.Locator(".lookup-answer")).ToHaveCountAsync(2);
        await Expect(officer.Locator(".lookup-answer").First.Locator(".lookup-death")).ToContainTextAsync("2020-03-02");
        await Expect(officer.Locator(".lookup-answer").First.Locator(".lookup-hit")).ToContainTextAsync(caseNumber);
        await Expect(officer.Locator(".lookup-unknown")).ToHaveTextAsync("登记数据中没有这个号码。");
        await Expect(officer.Locator("body")).Not.ToContainTextAsync("6217000000000001");
        Assert.Equal(1, await site.QueryAsync(db => db.AuditEntries.CountAsync(a => a.ReportId == id && a.Detail == "registers looked up: 2 identity numbers")));
    }

    private static async Task ImportAsync(BrowserFixture.SiteFactory site, RegisterSource source, string csv)
    {
        using var scope = site.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<RegisterImporter>()
            .ImportAsync(source, $"{source}.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)), null, CancellationToken.None);
        Assert.NotNull(result.Import);
    }
}

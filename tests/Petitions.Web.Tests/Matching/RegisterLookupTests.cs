using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Testing;
using static Petitions.Web.Tests.Matching.MatchingRunTests;

namespace Petitions.Web.Tests.Matching;

/// <summary>
/// 以卡核人 for reports: a citizen's report that names identity numbers shows, to an officer who may see it and asks,
/// what the registers say about each (on the roll, recorded dead, already a hit and on which case), audited first.
/// </summary>
public sealed class RegisterLookupTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task AReportNamingAnIdentityNumber_ShowsTheOfficerWhatTheRegistersSay_OnAsking_AndTheAskingIsAudited()
    {
        var dead = TestFiles.IdNumber("43042219400101001");
        var unknown = TestFiles.IdNumber("43042219600101002");
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        await ImportAsync(analyst, "PensionRoll", $"个人编号,姓名,身份证号,行政区划,社保卡号,月发放金额\nP1,王德顺,{dead},430422,6217000000000001,1500\n", "名册.csv");
        await ImportAsync(analyst, "PaymentLedger", "个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人\n"
            + Ledger("P1", "6217000000000001", 1500m, new(2020, 1, 1), new(2020, 12, 1)), "发放明细.csv");
        await ImportAsync(analyst, "Cremation", $"姓名,身份证号,火化日期\n王德顺,{dead},2020-03-02\n", "火化.csv");
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        var caseNumber = await Factory.QueryAsync(db => db.Reports.Where(r => r.Source == Core.Reports.ReportSource.DataMatching).Select(r => r.TrackingNumber).SingleAsync());

        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient(), Filing.ValidFields(
            $"我村王德顺（身份证号 {dead}）2020年3月已去世，他的养老金至今仍在发放；另一位老人身份证 {unknown} 的情况也请核实。号码 430422194001010019 是写错的。"));
        var officer = await SignedInStaffAsync("zhou@example.org", Roles.Officer, "周洁", "衡南县人社局", "430422");
        var report = await officer.GetPageAsync($"/Staff/Report/{id}", "zh-CN");
        var page = await officer.GetPageAsync(report.QuerySelector("#registers-lookup")!.GetAttribute("href")!, "zh-CN");
        // Before asking: how many valid numbers, nothing of the registers.
        Assert.Equal("本举报写明了 2 个有效身份证号。", page.QuerySelector("#lookup-form p")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll(".lookup-answer"));

        var answer = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: $"/Staff/Report/{id}/Registers"));
        var sections = answer.QuerySelectorAll(".lookup-answer");
        // Each number masked (the wrongly written third is not looked up).
        Assert.Equal([dead[..6] + "********" + dead[14..], unknown[..6] + "********" + unknown[14..]], sections.Select(s => s.QuerySelector("h2")!.TextContent.Trim()));
        var roll = sections[0].QuerySelector(".lookup-roll")!.TextContent.Trim();
        Assert.StartsWith("在养老金名册中：P1（王德顺），", roll, StringComparison.Ordinal);
        Assert.EndsWith("月发放 ¥1,500.00。", roll, StringComparison.Ordinal);
        Assert.Contains("2020-03-02", sections[0].QuerySelector(".lookup-death")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(caseNumber, sections[0].QuerySelector(".lookup-hit")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("登记数据中没有这个号码。", sections[1].QuerySelector(".lookup-unknown")!.TextContent.Trim());
        // The full numbers are the report's own text; the answer adds none of the registers' sealed numbers (no card).
        Assert.DoesNotContain("6217000000000001", answer.Source.Text, StringComparison.Ordinal);
        Assert.Equal(1, await Factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.ReportId == id && a.Detail == "registers looked up: 2 identity numbers")));

        // An officer of another county cannot see the report, nor look anything up through it.
        var other = await SignedInStaffAsync("changsha@example.org", Roles.Officer, "李明", "长沙市人社局", "430100");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.Http.GetAsync($"/Staff/Report/{id}/Registers")).StatusCode);
    }
}

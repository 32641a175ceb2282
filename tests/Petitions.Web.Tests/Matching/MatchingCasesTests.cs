using Microsoft.EntityFrameworkCore;
using Petitions.Core.Matching;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Tests.Statistics;
using static Petitions.Web.Tests.Matching.MatchingRunTests;

namespace Petitions.Web.Tests.Matching;

/// <summary>
/// Hits become cases through the one intake: one case per person, in the county's queue, under the fund regime; the
/// officer holding it records each hit's outcome (refusals beside their fields, nothing typed lost); next month's run
/// brings neither back; a run that died between filing a case and linking its hits files no second case.
/// </summary>
public sealed class MatchingCasesTests(PetitionsFactory factory) : WebTest(factory)
{
    private static readonly string Wang = TestFiles.IdNumber("43042219480315001"), Li = TestFiles.IdNumber("43042219520607002"),
        Zhang = TestFiles.IdNumber("43042219550101003");

    private async Task<FormClient> ImportTwoDeadAsync()
    {
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        await ImportAsync(analyst, "PensionRoll", $"""
            个人编号,姓名,身份证号,行政区划,社保卡号,联系电话,月发放金额
            P1,王德顺,{Wang},430422,6217000000000001,13907340001,1800
            P2,李秀英,{Li},430422,6217000000000002,13907340002,1600
            P3,张三,{Zhang},430422,6217000000000003,13907340003,1500
            """, "名册.csv");
        await ImportAsync(analyst, "PaymentLedger", "个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人\n"
            + Ledger("P1", "6217000000000001", 1800m, new(2019, 1, 1), new(2020, 12, 1))
            + Ledger("P2", "6217000000000002", 1600m, new(2019, 1, 1), new(2020, 12, 1))
            + Ledger("P3", "6217000000000003", 1500m, new(2019, 1, 1), new(2020, 12, 1)), "发放明细.csv");
        await ImportAsync(analyst, "Cremation", $"姓名,身份证号,火化日期\n王德顺,{Wang},2019-03-02\n李秀英,{Li},2020-06-10\n", "火化.csv");
        return analyst;
    }

    [Fact]
    public async Task EachPersonWithHits_GetsOneCaseInTheCountysQueue_AndTheOfficersOutcomes_AreNotBroughtBackNextMonth()
    {
        var analyst = await ImportTwoDeadAsync();
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);

        var cases = await Factory.QueryAsync(db => db.Reports.Where(r => r.Source == ReportSource.DataMatching).OrderBy(r => r.AmountYuan).ToListAsync());
        Assert.Equal(2, cases.Count);
        Assert.All(cases, c => Assert.Equal(("430422", "deceased-pension", "mohrss-order-49", true), (c.RegionCode, c.KindCode, c.RegimeCode, c.IsAnonymous)));
        // Li: died June 2020, grace July, paid August to December: 5 × 1,600. Wang: May 2019 to December 2020, 20 × 1,800.
        Assert.Equal([8_000m, 36_000m], cases.Select(c => c.AmountYuan!.Value));
        var (liCase, wangCase) = (cases[0].Id, cases[1].Id);
        Assert.Equal(2, await Factory.QueryAsync(db => db.MatchHits.CountAsync(h => h.ReportId != null)));

        var officer = await SignedInStaffAsync("zhou@example.org", Roles.Officer, "周洁", "衡南县人社局", "430422");
        var page = await officer.GetPageAsync($"/Staff/Report/{wangCase}", "zh-CN");
        Assert.StartsWith("数据比对", page.QuerySelector("#report-source")!.TextContent.Trim(), StringComparison.Ordinal);
        var hit = page.QuerySelector("#match-hits [data-rule='paid-after-death']")!;
        Assert.Contains("此后发放 20 个月（2019-05 至 2020-12）", hit.TextContent, StringComparison.Ordinal);
        // Not yet accepted: nothing to record yet.
        Assert.Null(page.QuerySelector(".hit-form"));
        // The roll's numbers are sealed; shown on asking, on this answer only, and the showing is audited.
        Assert.DoesNotContain(Wang, page.Source.Text, StringComparison.Ordinal);
        var numbers = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: HandlerButton(page, "HitNumbers")));
        Assert.Contains(Wang, numbers.QuerySelector("#hit-numbers")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("6217000000000001", numbers.QuerySelector("#hit-numbers")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await Factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Detail == "register numbers" && a.ReportId == wangCase)));
        foreach (var action in new[] { "Claim", "Accept" })
        {
            page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, action)));
        }
        var form = page.QuerySelector(".hit-form")!.GetAttribute("action")!;
        var confirm = new Dictionary<string, string?>
        {
            ["HitInput.Decision"] = "Confirmed", ["HitInput.StoppedOn"] = "2021-01-05", ["HitInput.ToRecover"] = "36000", ["HitInput.Recovered"] = "12000",
        };

        // Another county's officer: the case does not exist for them. A colleague not holding it: no form, and a post is refused.
        var outside = await SignedInStaffAsync(false, "qian@example.org", Roles.Officer, "钱某", "衡阳县人社局", "430421");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await outside.Http.GetAsync($"/Staff/Report/{wangCase}")).StatusCode);
        var colleague = await SignedInStaffAsync("sun@example.org", Roles.Officer, "孙某", "衡南县人社局", "430422");
        var theirs = await colleague.GetPageAsync($"/Staff/Report/{wangCase}", "zh-CN");
        Assert.Null(theirs.QuerySelector(".hit-form"));
        // Their own page's token, posted to the holder's form as a browser's tools could.
        var (_, content) = FormClient.Prepare(theirs, confirm);
        var refusedToColleague = await FormClient.ParseAsync(await colleague.Http.PostAsync(form, content));
        Assert.Contains("只有承办本案的工作人员或主管", refusedToColleague.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);

        // Confirmed without the day payment stopped, and more recovered than due: both beside their fields, the rest kept.
        var refused = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["HitInput.Decision"] = "Confirmed", ["HitInput.ToRecover"] = "36000", ["HitInput.Recovered"] = "40000", ["HitInput.Note"] = "家属已联系",
        }, formAction: form));
        var again = refused.QuerySelector(".hit-form") ?? throw new InvalidOperationException(refused.QuerySelector("main")?.TextContent);
        Assert.Equal("此项为必填项。", again.QuerySelector("[data-valmsg-for='HitInput.StoppedOn']")!.TextContent.Trim());
        Assert.Equal("已追回金额不能超过应追回金额。", again.QuerySelector("[data-valmsg-for='HitInput.Recovered']")!.TextContent.Trim());
        Assert.Equal(("36000", "40000", "家属已联系"), (again.QuerySelector("[name='HitInput.ToRecover']")!.GetAttribute("value"),
            again.QuerySelector("[name='HitInput.Recovered']")!.GetAttribute("value"), again.QuerySelector("[name='HitInput.Note']")!.GetAttribute("value")));
        Assert.Null(await Factory.QueryAsync(db => db.MatchHits.Where(h => h.ReportId == wangCase).Select(h => h.Decision).SingleAsync()));

        page = await FormClient.ParseAsync(await officer.SubmitAsync(refused, confirm, formAction: form));
        Assert.Equal("已登记该疑点属实。", page.QuerySelector("#notice")!.TextContent.Trim());
        Assert.Contains("2021-01-05 停发；应追回 ¥36,000.00；已追回 ¥12,000.00", page.QuerySelector("#match-hits .hit-decision")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".hit-form"));

        // The other is a namesake: a false positive with its reason.
        page = await officer.GetPageAsync($"/Staff/Report/{liCase}", "en");
        foreach (var action in new[] { "Claim", "Accept" })
        {
            page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, action)));
        }
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["HitInput.Decision"] = "FalsePositive", ["HitInput.Reason"] = "Namesake",
        }, formAction: page.QuerySelector(".hit-form")!.GetAttribute("action")!));
        Assert.Equal("The hit is recorded as a false positive; it will not come back.", page.QuerySelector("#notice")!.TextContent.Trim());
        Assert.Contains("Namesake, another person", page.QuerySelector("#match-hits .hit-decision")!.TextContent, StringComparison.Ordinal);

        // Next month: the namesake is paid on, and 王德顺's card once more for January, the month payment stopped. Neither
        // is a new fact: neither hit comes back, neither decision changes, no case is added.
        await ImportAsync(analyst, "PaymentLedger", "个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人\n"
            + Ledger("P1", "6217000000000001", 1800m, new(2021, 1, 1), new(2021, 1, 1))
            + Ledger("P2", "6217000000000002", 1600m, new(2021, 1, 1), new(2021, 2, 1)), "发放明细2021.csv");
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        Assert.Equal(2, await Factory.QueryAsync(db => db.Reports.CountAsync(r => r.Source == ReportSource.DataMatching)));
        var hits = await Factory.QueryAsync(db => db.MatchHits.OrderBy(h => h.Amount).ToListAsync());
        Assert.Equal([(HitDecision.FalsePositive, 5, (Guid?)liCase), (HitDecision.Confirmed, 20, wangCase)],
            hits.Select(h => (h.Decision!.Value, h.Months, h.ReportId)));
        // Both outcomes are in the audit log, by the officer.
        Assert.Equal(2, await Factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Detail.StartsWith("hit "))));

        // The analysts' dashboard: by rule, one confirmed and one false positive of two, and the money as decided (frozen).
        var dashboard = await analyst.GetPageAsync("/Matching/Hits", "zh-CN");
        var cells = dashboard.QuerySelectorAll("#by-rule tr[data-key='paid-after-death'] td").Select(c => c.TextContent.Trim());
        Assert.Equal(["2", "1", "1", "0", "50.0%", "¥44,000.00", "¥36,000.00", "¥12,000.00"], cells);
        Assert.Equal("衡南县", dashboard.QuerySelector("#by-region tr[data-key='430422'] th")!.TextContent.Trim());
        // One approver for every payment here: exactly the average rate.
        Assert.Equal("周某（平均比率的 1.0 倍）", dashboard.QuerySelector("#by-approver tr[data-key='周某'] th")!.TextContent.Trim());
        var csv = await analyst.Http.GetStringAsync("/Matching/Hits?handler=Export&format=csv");
        Assert.Contains("按规则 · 死亡后仍发放,准确率,50", csv, StringComparison.Ordinal);
        Assert.Equal(1, await Factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Detail == "matching dashboard csv")));
        // An analyst of another county sees none of it.
        var other = await SignedInStaffAsync("wu@example.org", Roles.Analyst, "吴某", "衡阳县人社局", "430421");
        // Oversight counts the two cases under their own origin, not as citizens' reports.
        await StatsPages.RefreshAsync(Factory);
        var auditor = await SignedInStaffAsync("auditor@example.org", Roles.Oversight, "钱审计", "湖南省审计厅", "430000");
        var oversight = await auditor.GetPageAsync("/Oversight?region=430422", "zh-CN");
        Assert.Equal("数据比对", oversight.QuerySelector("#breakdown-origin tr[data-key='data-matching'] th")!.TextContent.Trim());
        Assert.Equal(("2", "0"), (oversight.QuerySelector("#breakdown-origin tr[data-key='data-matching'] td")!.TextContent.Trim(),
            oversight.QuerySelector("#breakdown-origin tr[data-key='citizen'] td")!.TextContent.Trim()));
        var theirDashboard = await other.GetPageAsync("/Matching/Hits", "zh-CN");
        Assert.Null(theirDashboard.QuerySelector("#by-rule tr[data-key='paid-after-death']"));
        Assert.Empty(theirDashboard.QuerySelectorAll("#hits tr[data-person]"));
    }

    [Fact]
    public async Task ARunThatDiedBetweenFilingACaseAndLinkingItsHits_LinksThemTheNextTime_WithNoSecondCase()
    {
        await ImportTwoDeadAsync();
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        var filed = await Factory.QueryAsync(db => db.Reports.Where(r => r.Source == ReportSource.DataMatching).Select(r => r.Id).OrderBy(r => r).ToListAsync());
        // As if the process was killed after the cases committed and before their hits were linked.
        await Factory.QueryAsync(db => db.MatchHits.ExecuteUpdateAsync(s => s.SetProperty(h => h.ReportId, (Guid?)null)));

        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);

        Assert.Equal(filed, await Factory.QueryAsync(db => db.Reports.Where(r => r.Source == ReportSource.DataMatching).Select(r => r.Id).OrderBy(r => r).ToListAsync()));
        Assert.Equal(0, await Factory.QueryAsync(db => db.MatchHits.CountAsync(h => h.ReportId == null)));

        // The command line runs it again (nothing new) and exports every hit for an auditor: numbers unsealed, the
        // file the operator's alone, the export audited.
        Assert.Equal(0, await Web.Infrastructure.RegistersCommand.RunMatchingAsync(Factory.Services));
        Assert.Equal(2, await Factory.QueryAsync(db => db.Reports.CountAsync(r => r.Source == ReportSource.DataMatching)));
        var path = Path.Combine(Path.GetTempPath(), $"hits-{Guid.NewGuid():N}.csv");
        try
        {
            Assert.Equal(0, await Web.Infrastructure.RegistersCommand.ExportHitsAsync(Factory.Services, path));
            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal("rule,person_number,id_number,link,death_date,months,amount,case,outcome,to_recover,recovered", lines[0].TrimStart('\uFEFF'));
            var wangCase = await Factory.QueryAsync(db => db.Reports.Where(r => r.SourceReference!.StartsWith("P1/hit-")).Select(r => r.TrackingNumber).SingleAsync());
            Assert.Equal($"paid-after-death,P1,{Wang},exact,2019-03-02,20,36000.00,{wangCase},,,", lines.Single(l => l.Contains(",P1,", StringComparison.Ordinal)));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Equal(1, await Factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Detail == "matching hits csv: 2 rows")));
    }
}

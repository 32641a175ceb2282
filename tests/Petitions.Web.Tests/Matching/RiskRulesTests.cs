using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Testing;
using static Petitions.Web.Tests.Matching.MatchingRunTests;

namespace Petitions.Web.Tests.Matching;

/// <summary>
/// The rules beyond "paid after death", each on a hand-counted set imported through the analyst's page: paid in prison,
/// resumed without certification, raised outside an adjustment, paid early, back pay after death, one card for two
/// people. Then an administrator's threshold changes what the next run finds, and a decided hit comes back only on a
/// new fact, carrying only what is new.
/// </summary>
public sealed class RiskRulesTests(PetitionsFactory factory) : WebTest(factory)
{
    private static string Id(int n) => TestFiles.IdNumber($"430422195001{n:D2}00{n % 10}");

    private const string LedgerHeader = "个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人\n";

    private async Task<FormClient> ImportSetAsync()
    {
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        var roll = new StringBuilder("个人编号,姓名,身份证号,行政区划,社保卡号,联系电话,月发放金额\n");
        string[] names = ["", "王一", "李二", "张三", "赵四", "钱五", "孙六", "周七", "吴八", "郑九"];
        for (var n = 1; n <= 9; n++)
        {
            // 周七 and 吴八 are paid to one card.
            var card = n is 7 or 8 ? "6217000000000078" : $"62170000000000{n:D2}";
            roll.Append(CultureInfo.InvariantCulture, $"P{n},{names[n]},{Id(n)},430422,{card},1390734000{n},1000\n");
        }
        await ImportAsync(analyst, "PensionRoll", roll.ToString(), "名册.csv");
        var year = new DateOnly(2020, 1, 1);
        var ledger = new StringBuilder(LedgerHeader)
            .Append(Ledger("P1", "6217000000000001", 1500m, year, new(2020, 12, 1)))
            .Append(Ledger("P2", "6217000000000002", 1200m, year, year))
            .Append(Ledger("P2", "6217000000000002", 1200m, new(2020, 6, 1), new(2020, 12, 1)))
            .Append(Ledger("P3", "6217000000000003", 1200m, year, year))
            .Append(Ledger("P3", "6217000000000003", 1200m, new(2020, 6, 1), new(2020, 12, 1)))
            .Append(Ledger("P4", "6217000000000004", 1000m, year, new(2020, 6, 1)))
            .Append(Ledger("P4", "6217000000000004", 1500m, new(2020, 7, 1), new(2020, 12, 1)))
            .Append(Ledger("P5", "6217000000000005", 1000m, year, new(2020, 6, 1)))
            .Append(Ledger("P5", "6217000000000005", 1040m, new(2020, 7, 1), new(2020, 12, 1)))
            .Append("P5,6217000000000005,2020-07,240,待遇调整,2020-07-20,周某\n")
            .Append(Ledger("P6", "6217000000000006", 1000m, year, new(2020, 11, 1)))
            .Append("P6,6217000000000006,2020-12,1000,正常发放,2020-10-01,刘某某\n")
            .Append(Ledger("P9", "6217000000000009", 1000m, year, new(2020, 3, 1)))
            .Append("P9,6217000000000009,2019-12,300,待遇补发,2020-06-20,刘某某\n");
        await ImportAsync(analyst, "PaymentLedger", ledger.ToString(), "发放明细.csv");
        await ImportAsync(analyst, "Prison", $"姓名,身份证号,入监日期,释放日期\n王一,{Id(1)},2020-03-10,2020-09-20\n", "服刑人员.csv");
        await ImportAsync(analyst, "StatusChange", """
            个人编号,变更类型,变更日期,变更原因,经办人
            P2,暂停发放,2020-02-01,未按期认证,陈某
            P2,恢复发放,2020-06-01,,陈某
            P3,暂停发放,2020-02-01,未按期认证,陈某
            P3,认证通过,2020-05-20,,陈某
            P3,恢复发放,2020-06-01,,陈某
            """, "状态变更.csv");
        await ImportAsync(analyst, "Cremation", $"姓名,身份证号,火化日期\n郑九,{Id(9)},2020-03-02\n", "火化.csv");
        return analyst;
    }

    private Task<List<MatchHit>> HitsAsync() =>
        Factory.QueryAsync(db => db.MatchHits.OrderBy(h => h.Rule).ThenBy(h => h.PersonNumber).ThenBy(h => h.Round).ToListAsync());

    [Fact]
    public async Task EveryRule_FindsExactlyItsHandCountedHits_WithTheMoney_AndEachPersonGetsACaseOfTheRightKind()
    {
        var analyst = await ImportSetAsync();
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);

        var hits = await HitsAsync();
        Assert.Equal(
        [
            // 郑九 died on 2 March; a back pay for December was paid on 20 June (no period after the grace was paid).
            ("back-pay-after-death", "P9", 1, 300m),
            // 孙六's December pension was paid on 1 October, 61 days before its period (over the 31 allowed).
            ("paid-early", "P6", 1, 1000m),
            // 王一: admitted 10 March, released 20 September; April is the grace; May to August were paid.
            ("paid-in-prison", "P1", 4, 4 * 1500m),
            // 赵四: 1,000 → 1,500 in July with no adjustment: 500 extra for six months. (钱五's 4 % came with one.)
            ("raised-outside-adjustment", "P4", 6, 6 * 500m),
            // 李二: suspended in February, resumed in June with no certification; June to December paid. (张三 was certified.)
            ("resumed-uncertified", "P2", 7, 7 * 1200m),
            ("shared-card", "P7", 0, 1000m),
            ("shared-card", "P8", 0, 1000m),
        ], hits.Select(h => (h.Rule, h.PersonNumber, h.Months, h.Amount)));
        var prison = hits.Single(h => h.Rule == RiskRules.PaidInPrison);
        Assert.Equal((new DateOnly(2020, 3, 10), new DateOnly(2020, 9, 20), new DateOnly(2020, 5, 1), new DateOnly(2020, 8, 1)),
            (prison.FactFrom!.Value, prison.FactTo!.Value, prison.FirstPeriod!.Value, prison.LastPeriod!.Value));
        Assert.Equal(50m, hits.Single(h => h.Rule == RiskRules.RaisedOutsideAdjustment).Percent);

        // A case per person, of the kind its rules say.
        var kinds = await Factory.QueryAsync(db => db.MatchHits.Join(db.Reports, h => h.ReportId, r => r.Id, (h, r) => new { h.PersonNumber, r.KindCode })
            .Distinct().OrderBy(x => x.PersonNumber).ToListAsync());
        Assert.Equal(
            [("P1", "inflated-benefit"), ("P2", "inflated-benefit"), ("P4", "inflated-benefit"), ("P6", "improper-payment"), ("P7", "card-not-owner"),
             ("P8", "card-not-owner"), ("P9", "deceased-pension")],
            kinds.Select(k => (k.PersonNumber, k.KindCode)));

        // The analyst reads each in words.
        var page = await analyst.GetPageAsync("/Matching/Hits", "zh-CN");
        Assert.Contains("2020-03-10 入监（2020-09-20）；其间发放 4 个月（2020-05 至 2020-08），共 ¥6,000.00。",
            page.QuerySelector("#hits tr[data-person='P1']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2020-07 起月发放提高 50%，无待遇调整记录或超过调整幅度；6 个月多发 ¥3,000.00。",
            page.QuerySelector("#hits tr[data-person='P4']")!.TextContent, StringComparison.Ordinal);
        var english = await analyst.GetPageAsync("/Matching/Hits", "en");
        Assert.Contains("Suspended on 2020-02-01 and resumed on 2020-06-01 with no certification between; paid for 7 months since: ¥8,400.00.",
            english.QuerySelector("#hits tr[data-person='P2']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 people on the roll are paid to this card; 0 of them are recorded as dead",
            english.QuerySelector("#hits tr[data-person='P7']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministrator_ChangesAThreshold_AfterARefusal_AndTheNextRunFindsWhatItNowSays()
    {
        await ImportSetAsync();
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        // The runs the imports asked for have ended too: none of them reads the thresholds before they change below.
        await Factory.WaitForIdleAsync();
        Assert.DoesNotContain(await HitsAsync(), h => h.PersonNumber == "P5");

        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/MatchingRules", "zh-CN");
        Assert.Equal("10", page.QuerySelector("#rule-raised-outside-adjustment-threshold")!.GetAttribute("value"));
        // 101 % is out of range: refused beside the field, what was typed kept, nothing saved.
        var refused = await FormClient.ParseAsync(await admin.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Code"] = RiskRules.RaisedOutsideAdjustment, ["Input.Threshold"] = "101", ["Input.Enabled"] = "true",
        }));
        Assert.Equal("请输入 0 至 100 之间的整数。", refused.QuerySelector("#rule-raised-outside-adjustment-error")!.TextContent.Trim());
        Assert.Equal("101", refused.QuerySelector("#rule-raised-outside-adjustment-threshold")!.GetAttribute("value"));
        Assert.Equal(10, await Factory.QueryAsync(db => db.MatchingRules.Where(r => r.Code == RiskRules.RaisedOutsideAdjustment).Select(r => r.Threshold).SingleAsync()));

        // 3 %: 钱五's 4 % raise is now above what an adjustment explains. Paid early is switched off.
        var saved = await FormClient.ParseAsync(await admin.SubmitAsync(refused, new Dictionary<string, string?>
        {
            ["Input.Code"] = RiskRules.RaisedOutsideAdjustment, ["Input.Threshold"] = "3", ["Input.Enabled"] = "true",
        }));
        Assert.Equal("已保存，下次比对运行时生效。", saved.QuerySelector("#notice")!.TextContent.Trim());
        await admin.SubmitAsync(saved, new Dictionary<string, string?> { ["Input.Code"] = RiskRules.PaidEarly, ["Input.Threshold"] = "31", ["Input.Enabled"] = null });
        var audit = await Factory.QueryAsync(db => db.AuditEntries.Where(a => a.Detail.StartsWith("matching rule")).OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync());
        Assert.Equal(["matching rule raised-outside-adjustment: threshold 10 → 3, on", "matching rule paid-early: threshold 31 → 31, off"], audit);

        await Factory.QueryAsync(db => db.MatchHits.Where(h => h.Rule == RiskRules.PaidEarly).ExecuteDeleteAsync());
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        var raise = (await HitsAsync()).Single(h => h.PersonNumber == "P5");
        Assert.Equal((RiskRules.RaisedOutsideAdjustment, 4m, 6, 6 * 40m), (raise.Rule, raise.Percent!.Value, raise.Months, raise.Amount));
        Assert.DoesNotContain(await HitsAsync(), h => h.Rule == RiskRules.PaidEarly);
    }

    [Fact]
    public async Task ADecidedHit_ComesBackOnlyOnANewFact_CarryingOnlyWhatIsNew()
    {
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        await ImportAsync(analyst, "PensionRoll", $"个人编号,姓名,身份证号,行政区划,社保卡号,月发放金额\nD1,王德顺,{Id(1)},430422,6217000000000001,1000\nD2,李秀英,{Id(2)},430422,6217000000000002,1000\n", "名册.csv");
        await ImportAsync(analyst, "PaymentLedger", LedgerHeader
            + Ledger("D1", "6217000000000001", 1000m, new(2020, 1, 1), new(2020, 12, 1))
            + Ledger("D2", "6217000000000002", 1000m, new(2020, 1, 1), new(2020, 12, 1)), "发放明细2020.csv");
        await ImportAsync(analyst, "Cremation", $"姓名,身份证号,火化日期\n王德顺,{Id(1)},2020-03-02\n李秀英,{Id(2)},2020-03-02\n", "火化.csv");
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        // Both: May to December, eight months.
        Assert.All(await HitsAsync(), h => Assert.Equal((0, 8, 8000m), (h.Round, h.Months, h.Amount)));

        // D1 confirmed (payment stopped); D2 called a namesake.
        await Factory.QueryAsync(db => db.MatchHits.Where(h => h.PersonNumber == "D1").ExecuteUpdateAsync(s => s.SetProperty(h => h.Decision, HitDecision.Confirmed)));
        await Factory.QueryAsync(db => db.MatchHits.Where(h => h.PersonNumber == "D2").ExecuteUpdateAsync(s => s
            .SetProperty(h => h.Decision, HitDecision.FalsePositive).SetProperty(h => h.FalsePositiveReason, FalsePositiveReason.Namesake)));

        // Next year's ledger: both are paid on for three months. For D1 that is a new fact; a namesake's payments are not.
        await ImportAsync(analyst, "PaymentLedger", LedgerHeader
            + Ledger("D1", "6217000000000001", 1000m, new(2021, 1, 1), new(2021, 3, 1))
            + Ledger("D2", "6217000000000002", 1000m, new(2021, 1, 1), new(2021, 3, 1)), "发放明细2021.csv");
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        var hits = await HitsAsync();
        var first = hits.Single(h => h.PersonNumber == "D1" && h.Round == 0);
        var again = hits.Single(h => h.PersonNumber == "D1" && h.Round == 1);
        Assert.Equal((first.Id, 3, 3000m, new DateOnly(2021, 1, 1), new DateOnly(2021, 3, 1)),
            (again.PreviousHitId!.Value, again.Months, again.Amount, again.FirstPeriod!.Value, again.LastPeriod!.Value));
        Assert.Equal((8, 8000m), (first.Months, first.Amount));
        Assert.Single(hits, h => h.PersonNumber == "D2");
        // Again: nothing more.
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        Assert.Equal(3, (await HitsAsync()).Count);

        // A second register now records D2's death too: the namesake call is questioned by a new fact.
        await ImportAsync(analyst, "HouseholdDeregistration", $"姓名,身份证号,注销日期\n李秀英,{Id(2)},2020-03-05\n", "注销.csv");
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        var back = (await HitsAsync()).Single(h => h.PersonNumber == "D2" && h.Round == 1);
        Assert.Equal(("Cremation,HouseholdDeregistration", 11), (back.DeathSources!, back.Months));
        var page = await analyst.GetPageAsync("/Matching/Hits", "en");
        Assert.Contains("Found again after an earlier hit of this rule on this person was decided", page.QuerySelector($"#hits tr[data-person='D1'] .hit-again")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneTerminalDrawingOnTenCardsAtNight_MakesEachHolderAHit_WithTheDeadAmongThem()
    {
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        var roll = new StringBuilder("个人编号,姓名,身份证号,行政区划,社保卡号,月发放金额\n");
        var bank = new StringBuilder("社保卡号,交易时间,终端号,金额\n");
        for (var n = 1; n <= 14; n++)
        {
            roll.Append(CultureInfo.InvariantCulture, $"N{n},老人{n},{Id(n + 10)},430422,62170000000001{n:D2},500\n");
            // Ten cards at ATM-1 between two and three in the morning, twice each; three at ATM-2 at night; one by day at ATM-1.
            var (terminal, hour) = n <= 10 ? ("ATM-1", 2) : n <= 13 ? ("ATM-2", 1) : ("ATM-1", 10);
            bank.Append(CultureInfo.InvariantCulture, $"62170000000001{n:D2},2021-03-0{n % 9 + 1} {hour:D2}:15:00,{terminal},500\n");
            bank.Append(CultureInfo.InvariantCulture, $"62170000000001{n:D2},2021-04-0{n % 9 + 1} {hour:D2}:40:00,{terminal},500\n");
        }
        await ImportAsync(analyst, "PensionRoll", roll.ToString(), "名册.csv");
        await ImportAsync(analyst, "BankWithdrawal", bank.ToString(), "取款流水.csv");
        await ImportAsync(analyst, "DeathCertificate", $"姓名,身份证号,死亡日期\n老人1,{Id(11)},2019-01-01\n老人2,{Id(12)},2019-05-01\n", "死亡证明.csv");
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);

        var hits = (await HitsAsync()).Where(h => h.Rule == RiskRules.NightWithdrawals).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"N{n}").Order(StringComparer.Ordinal), hits.Select(h => h.PersonNumber));
        Assert.All(hits, h => Assert.Equal((10, 2, 2, 1000m), (h.SharedWith!.Value, h.SharedWithDead!.Value, h.Months, h.Amount)));
        var page = await analyst.GetPageAsync("/Matching/Hits", "en");
        Assert.Contains("at a terminal that drew on 10 roll cards at night, 2 of them of people recorded dead: ¥1,000.00 in 2 months.",
            page.QuerySelector("#hits tr[data-person='N1']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NinePensionersAtOneAddress_HowEverItIsWritten_AreEachAHit_AFamilyOfThreeIsNot()
    {
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        var roll = new StringBuilder("个人编号,姓名,身份证号,行政区划,社保卡号,月发放金额,住址\n");
        for (var n = 1; n <= 12; n++)
        {
            // Nine at one address, written with full-width characters and spaces or without; three of a family at another.
            var address = n <= 9 ? (n % 2 == 0 ? "湖南省衡南县 ＣＩ村 ３号" : "湖南省衡南县CI村3号") : "湖南省衡南县云集镇5号";
            roll.Append(CultureInfo.InvariantCulture, $"A{n},老人{n},{Id(n + 10)},430422,62170000000002{n:D2},600,{address}\n");
        }
        await ImportAsync(analyst, "PensionRoll", roll.ToString(), "名册.csv");
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);

        var hits = (await HitsAsync()).Where(h => h.Rule == RiskRules.SharedAddress).ToList();
        Assert.Equal(9, hits.Count);
        Assert.All(hits, h => Assert.Equal((9, 600m), (h.SharedWith!.Value, h.Amount)));
        var page = await analyst.GetPageAsync("/Matching/Hits", "zh-CN");
        Assert.Contains("名册上有 9 人登记此住址，其中 0 人已登记死亡", page.QuerySelector("#hits tr[data-person='A1']")!.TextContent, StringComparison.Ordinal);
        // The address is sealed at rest like the other numbers.
        Assert.DoesNotContain(await Factory.QueryAsync(db => db.RegisterEntries.Select(e => e.AddressSealed).ToListAsync()), a => a is not null && a.Contains("CI村", StringComparison.Ordinal));
    }
}

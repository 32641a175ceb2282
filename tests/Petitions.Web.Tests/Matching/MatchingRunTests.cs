using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Matching;

/// <summary>
/// 以人查卡 on a small hand-counted set: one dead pensioner paid for twenty months after the grace (with a back pay), one
/// paid only up to the grace, one alive, one whose death register row has no identity number (no exact link: no hit).
/// The run, through Hangfire, finds exactly the first; a second run adds nothing; a decided hit is not changed.
/// </summary>
public sealed class MatchingRunTests(PetitionsFactory factory) : WebTest(factory)
{
    private static readonly string Wang = TestFiles.IdNumber("43042219480315001"), Li = TestFiles.IdNumber("43042219520607002"),
        Zhang = TestFiles.IdNumber("43042219550101003"), Zhao = TestFiles.IdNumber("43042219500505004");

    internal static async Task ImportAsync(FormClient analyst, string source, string csv, string name)
    {
        var page = await analyst.GetPageAsync("/Matching/Registers", "zh-CN");
        var result = await FormClient.ParseAsync(await analyst.SubmitAsync(page, new Dictionary<string, string?> { ["Source"] = source },
            extraContent: new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Upload", name } }));
        Assert.True(result.QuerySelector("#notice") is not null, result.QuerySelector("#problems")?.TextContent);
    }

    internal static string Ledger(string person, string card, decimal amount, DateOnly from, DateOnly to, params (DateOnly Period, decimal Amount)[] backPay)
    {
        var text = new StringBuilder();
        for (var month = from; month <= to; month = month.AddMonths(1))
        {
            text.Append(CultureInfo.InvariantCulture, $"{person},{card},{month:yyyy-MM},{amount},正常发放,{month.AddDays(14):yyyy-MM-dd},周某\n");
        }
        foreach (var (period, money) in backPay)
        {
            text.Append(CultureInfo.InvariantCulture, $"{person},{card},{period:yyyy-MM},{money},待遇补发,{period.AddDays(20):yyyy-MM-dd},周某\n");
        }
        return text.ToString();
    }

    [Fact]
    public async Task TheDeadPaidAfterTheirDeath_AreFound_WithTheMonthsAndTheMoney_OnceHoweverOftenItRuns()
    {
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        await ImportAsync(analyst, "PensionRoll", $"""
            个人编号,姓名,身份证号,行政区划,社保卡号,联系电话,月发放金额
            P1,王德顺,{Wang},430422,6217000000000001,13907340001,1830.50
            P2,李秀英,{Li},430422,6217000000000002,13907340001,1620
            P3,张三,{Zhang},430422,6217000000000003,13907340003,1500
            P4,赵四,{Zhao},430422,6217000000000004,13907340004,1500
            """, "名册.csv");
        var ledger = "个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人\n"
            + Ledger("P1", "6217000000000001", 1830.50m, new(2019, 1, 1), new(2020, 12, 1), (new(2019, 6, 1), 500m))
            + Ledger("P2", "6217000000000002", 1620m, new(2020, 1, 1), new(2020, 12, 1))
            + Ledger("P3", "6217000000000003", 1500m, new(2019, 1, 1), new(2020, 12, 1))
            + Ledger("P4", "6217000000000004", 1500m, new(2019, 1, 1), new(2020, 12, 1));
        await ImportAsync(analyst, "PaymentLedger", ledger, "发放明细.csv");
        await ImportAsync(analyst, "Cremation", $"姓名,身份证号,火化日期\n王德顺,{Wang},2019-03-02\n李秀英,{Li},2020-11-20\n赵四,,2019-01-05\n", "火化.csv");
        await ImportAsync(analyst, "HouseholdDeregistration", $"姓名,身份证号,注销日期\n王德顺,{Wang},2019-03-10\n", "注销.csv");

        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);

        var hit = await Factory.QueryAsync(db => db.MatchHits.SingleAsync(h => h.Rule == "paid-after-death"));
        // Died in March 2019: April is the grace month; May 2019 to December 2020 is twenty months, plus a back pay.
        Assert.Equal(("P1", 20, 20 * 1830.50m + 500m, true), (hit.PersonNumber, hit.Months, hit.Amount, hit.BackPay));
        Assert.Equal((new DateOnly(2019, 3, 2), "Cremation,HouseholdDeregistration"), (hit.DeathDate!.Value, hit.DeathSources!));
        var page = await analyst.GetPageAsync("/Matching/Hits", "zh-CN");
        // The back pay was also paid after the death (in June 2019, for June): a hit of its own rule.
        Assert.Equal(500m, (await Factory.QueryAsync(db => db.MatchHits.SingleAsync(h => h.Rule == "back-pay-after-death"))).Amount);
        Assert.Equal("共 2 条疑点；死亡后发放合计 ¥37,110.00。", page.QuerySelector("#hit-totals")!.TextContent.Trim());
        var row = page.QuerySelector("#hits tr[data-person='P1']")!.TextContent;
        Assert.Contains("死亡后仍发放", row, StringComparison.Ordinal);
        Assert.Contains("含补发", row, StringComparison.Ordinal);
        Assert.Contains("火化数据（民政）", row, StringComparison.Ordinal);

        // Again: the same hit, not a second one.
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        Assert.Equal(1, await Factory.QueryAsync(db => db.MatchHits.CountAsync(h => h.Rule == "paid-after-death")));

        // Decided (a false positive, say): a later ledger with more months does not reopen or change it.
        await Factory.QueryAsync(db => db.MatchHits.ExecuteUpdateAsync(s => s.SetProperty(h => h.Decision, Core.Matching.HitDecision.FalsePositive)));
        await ImportAsync(analyst, "PaymentLedger", "个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人\n"
            + Ledger("P1", "6217000000000001", 1830.50m, new(2021, 1, 1), new(2021, 3, 1)), "发放明细2021.csv");
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        Assert.Equal(20, (await Factory.QueryAsync(db => db.MatchHits.SingleAsync(h => h.Rule == "paid-after-death"))).Months);
    }

    [Fact]
    public async Task OnePhoneBehindFiveCardsOrMore_MakesEachOfThemAHit_WithHowManyOfThemAreDead()
    {
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        var roll = new StringBuilder("个人编号,姓名,身份证号,行政区划,社保卡号,联系电话,月发放金额\n");
        var ids = Enumerable.Range(0, 10).Select(i => TestFiles.IdNumber($"4304221940010{i:D2}01")).ToList();
        for (var i = 0; i < 10; i++)
        {
            // Six cards behind the clerk's phone; four behind a family's landline (under the minimum of five).
            var phone = i < 6 ? "13907341234" : "07348512345";
            roll.Append(CultureInfo.InvariantCulture, $"Q{i},老人{i},{ids[i]},430422,62170000000001{i:D2},{phone},1500\n");
        }
        await ImportAsync(analyst, "PensionRoll", roll.ToString(), "名册.csv");
        await ImportAsync(analyst, "DeathCertificate", $"姓名,身份证号,死亡日期\n老人0,{ids[0]},2020-01-01\n老人1,{ids[1]},2021-05-01\n老人7,{ids[7]},2022-01-01\n", "死亡证明.csv");

        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);

        var hits = await Factory.QueryAsync(db => db.MatchHits.Where(h => h.Rule == "shared-phone").OrderBy(h => h.PersonNumber).ToListAsync());
        Assert.Equal(["Q0", "Q1", "Q2", "Q3", "Q4", "Q5"], hits.Select(h => h.PersonNumber));
        Assert.All(hits, h => Assert.Equal((6, 2, 1500m), (h.SharedWith!.Value, h.SharedWithDead!.Value, h.Amount)));
        var page = await analyst.GetPageAsync("/Matching/Hits", "en");
        Assert.Contains("6 people on the roll give this phone; 2 of them are recorded as dead", page.QuerySelector("#hits tr[data-person='Q0']")!.TextContent, StringComparison.Ordinal);
        // The total is the money paid after death only; none was paid here.
        Assert.Equal("6 hits; ¥0.00 paid after death.", page.QuerySelector("#hit-totals")!.TextContent.Trim());
        // "Run the matching now" asks for a run and says so.
        Assert.Equal("/Matching/Hits?handler=Run", page.QuerySelector("main form button[formaction]")!.GetAttribute("formaction"));
        var asked = await FormClient.ParseAsync(await analyst.SubmitAsync(page, new Dictionary<string, string?>(), formAction: "/Matching/Hits?handler=Run"));
        Assert.Equal("The matching run has been started; reload this page in a moment.", asked.QuerySelector("#notice")!.TextContent.Trim());
    }
}

using Microsoft.EntityFrameworkCore;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Testing;
using static Petitions.Web.Tests.Matching.MatchingRunTests;

namespace Petitions.Web.Tests.Matching;

/// <summary>
/// Death rows without a valid identity number: a traditional-character name with the birth date links; a number with a
/// wrong check character links by its digits; a name alone waits for an analyst, who confirms it and the next run finds
/// the money; a namesake born elsewhen links to nobody. Each link says why, in the page's language.
/// </summary>
public sealed class MatchingLinksTests(PetitionsFactory factory) : WebTest(factory)
{
    private static readonly string Wang = TestFiles.IdNumber("43042219480315001"), Li = TestFiles.IdNumber("43042219520607002"),
        Zhang = TestFiles.IdNumber("43042219550101003"), Zhao = TestFiles.IdNumber("43042219500505004");

    [Fact]
    public async Task DeathsWithoutAValidNumber_AreLinkedOnTheEvidence_OrLeftToAnAnalyst()
    {
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        await ImportAsync(analyst, "PensionRoll", $"""
            个人编号,姓名,身份证号,行政区划,社保卡号,月发放金额
            P1,王德顺,{Wang},430422,6217000000000001,1000
            P2,李秀英,{Li},430422,6217000000000002,1000
            P3,张三,{Zhang},430422,6217000000000003,1000
            P4,赵四,{Zhao},430422,6217000000000004,1000
            """, "名册.csv");
        await ImportAsync(analyst, "PaymentLedger", "个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期\n"
            + string.Concat(Enumerable.Range(1, 4).Select(i => Ledger($"P{i}", $"621700000000000{i}", 1000m, new(2019, 1, 1), new(2020, 12, 1)))), "发放明细.csv");
        var wrongCheck = Li[..17] + (Li[17] == '0' ? '1' : '0');
        await ImportAsync(analyst, "Cremation", $"""
            姓名,身份证号,出生日期,性别,行政区划,火化日期
            王德順,,1948-03-15,男,衡南县,2019-03-02
            李秀英,{wrongCheck},,女,衡南县,2020-06-10
            赵四,,,,衡南县,2019-01-05
            张三,,1970-01-01,男,衡南县,2019-02-01
            """, "火化.csv");
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);

        Assert.Equal(["P1", "P2"], await Factory.QueryAsync(db => db.MatchHits.Where(h => h.Rule == "paid-after-death").OrderBy(h => h.PersonNumber).Select(h => h.PersonNumber).ToListAsync()));
        var links = await Factory.QueryAsync(db => db.RegisterLinks.OrderBy(l => l.PersonNumber).Select(l => new { l.PersonNumber, l.Band }).ToListAsync());
        Assert.Equal([("P1", LinkBand.Link), ("P2", LinkBand.Link), ("P4", LinkBand.Review)], links.Select(l => (l.PersonNumber, l.Band)));

        // The name alone: an analyst says it is the same person; the run that follows finds the money.
        var review = await analyst.GetPageAsync("/Matching/Links", "zh-CN");
        var item = review.QuerySelector("#links [data-entry]")!;
        Assert.Contains("赵四 · P4", item.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("姓名相同；无出生日期可比对；县区相同；权重", item.QuerySelector(".link-evidence")!.TextContent.Trim(), StringComparison.Ordinal);
        var confirmed = await FormClient.ParseAsync(await analyst.SubmitAsync(review, new Dictionary<string, string?>(),
            formAction: item.QuerySelector("button[formaction*='same=true']")!.GetAttribute("formaction")));
        Assert.Equal("已确认关联：比对已重新运行，将计入该人员的死亡。", confirmed.QuerySelector("#notice")!.TextContent.Trim());
        Assert.NotNull(confirmed.QuerySelector("#no-links"));
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.MatchHits.AnyAsync(h => h.PersonNumber == "P4" && h.Rule == "paid-after-death")), TimeSpan.FromSeconds(20));

        // The case says how the death was linked.
        var officer = await SignedInStaffAsync("zhou@example.org", Roles.Officer, "周洁", "衡南县人社局", "430422");
        var wangCase = await Factory.QueryAsync(db => db.MatchHits.Where(h => h.PersonNumber == "P1").Select(h => h.ReportId).FirstAsync());
        var casePage = await officer.GetPageAsync($"/Staff/Report/{wangCase}", "en");
        Assert.StartsWith("A death record without a valid identity number was linked to this person: name the same (traditional characters folded); birth date the same; sex the same; same county; weight",
            casePage.QuerySelector(".hit-link")!.TextContent.Trim(), StringComparison.Ordinal);
        // Imported, the row with a wrong check character was kept (sealed, unhashed), not refused.
        Assert.Equal(1, await Factory.QueryAsync(db => db.RegisterEntries.CountAsync(e => e.Source == RegisterSource.Cremation && e.IdHash == null && e.IdSealed != null)));
    }
}

using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ClosedXML.Excel;
using CsvHelper;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;
using static Petitions.Web.Tests.Statistics.StatsPages;

namespace Petitions.Web.Tests.Statistics;

public sealed class OversightTests(PetitionsFactory factory) : WebTest(factory)
{
    private static readonly Guid Staff = Guid.NewGuid();

    private TimeLimitPolicy Policy => Factory.Service<TimeLimitPolicy>();

    /// <summary>
    /// Six reports whose every figure is worked out by hand below: five about Hengyang (three in Hengnan,
    /// one in Hengyang county, one for the city itself) and one in Changsha.
    /// </summary>
    private async Task SeedKnownReportsAsync()
    {
        var policy = Policy;
        // R1: Hengnan, anonymous, accepted after 3 days, verified 20 days later, referred, money, closed.
        var r1 = Received(Factory, "430422", "deceased-pension", new DateOnly(2021, 3, 5));
        r1.Accept(Staff, r1.SubmittedAt.AddDays(3), policy);
        r1.StartVerification(Staff, r1.SubmittedAt.AddDays(4));
        r1.RecordFinding(Staff, Finding.Verified, "属实", r1.SubmittedAt.AddDays(23));
        r1.Refer(Staff, Referral.DisciplineCommission, r1.SubmittedAt.AddDays(24));
        r1.RecordOutcome(Staff, 10_000m, 8_000m, 2, 1, r1.SubmittedAt.AddDays(25));
        r1.Close(Staff, "已答复", r1.SubmittedAt.AddDays(26));
        // R2: Hengnan, real name, accepted late (20 days), unfounded 30 days later.
        var r2 = Received(Factory, "430422", "duplicate-claims", new DateOnly(2021, 3, 20), anonymous: false);
        r2.Accept(Staff, r2.SubmittedAt.AddDays(20), policy);
        r2.StartVerification(Staff, r2.SubmittedAt.AddDays(21));
        r2.RecordFinding(Staff, Finding.Unfounded, "不属实", r2.SubmittedAt.AddDays(50));
        r2.Close(Staff, "已答复", r2.SubmittedAt.AddDays(51));
        // R3: Hengyang county, accepted after 5 days, partly verified 70 days later (late), money stopped.
        var r3 = Received(Factory, "430421", "deceased-pension", new DateOnly(2021, 4, 2));
        r3.Accept(Staff, r3.SubmittedAt.AddDays(5), policy);
        r3.StartVerification(Staff, r3.SubmittedAt.AddDays(6));
        r3.RecordFinding(Staff, Finding.PartiallyVerified, "部分属实", r3.SubmittedAt.AddDays(75));
        r3.RecordOutcome(Staff, 5_000m, 0m, 0, 0, r3.SubmittedAt.AddDays(76));
        r3.Close(Staff, "已答复", r3.SubmittedAt.AddDays(77));
        // R4: the city itself, declined after 2 days.
        var r4 = Received(Factory, "430400", "other", new DateOnly(2021, 5, 10));
        r4.Decline(Staff, "不属于受理范围", r4.SubmittedAt.AddDays(2));
        // R5: Hengnan, never decided and overdue.
        var r5 = Received(Factory, "430422", "deceased-pension", new DateOnly(2021, 6, 1));
        r5.DueState = DueState.Overdue;
        // R6: Changsha, accepted, still open.
        var r6 = Received(Factory, "430102", "other", new DateOnly(2020, 12, 15));
        r6.Accept(Staff, r6.SubmittedAt.AddDays(1), policy);
        r6.DueState = DueState.OnTime;
        await StoreAsync(Factory, [r1, r2, r3, r4, r5, r6]);
        await RefreshAsync(Factory);
    }

    private Task<FormClient> OversightAsync(params string[] regions) =>
        SignedInStaffAsync("auditor@example.org", Roles.Oversight, "钱审计", "湖南省审计厅", regions.Length == 0 ? ["430000"] : regions);

    [Fact]
    public async Task Tables_AreHeadedByWhatTheyBreakDown_EveryMonthOfThePeriodIsListed_AndTheFormKeepsTheAddressClean()
    {
        await SeedKnownReportsAsync();
        var client = await OversightAsync();
        var page = await client.GetPageAsync("/Oversight?region=430400&from=2020-11&to=2021-02", "en");
        Assert.Equal("Month", page.QuerySelector("#breakdown-trend thead th")!.TextContent);
        Assert.Equal("Region", page.QuerySelector("#breakdown-region thead th")!.TextContent);
        Assert.Equal("Kind of report", page.QuerySelector("#breakdown-kind thead th")!.TextContent);
        Assert.Equal(["2020-11", "2020-12", "2021-01", "2021-02"], page.QuerySelectorAll("#breakdown-trend tbody tr").Select(r => r.GetAttribute("data-key")));
        Assert.All(page.QuerySelectorAll("#breakdown-trend tbody td"), td => Assert.Matches("^[0-9,]+$", td.TextContent));
        // The filter form sends only what a person would read in the address: region, from, to.
        Assert.Equal(["region", "from", "to"], page.QuerySelectorAll("#filters input[name]").Select(i => i.GetAttribute("name")));
    }

    [Fact]
    public async Task AReportConcludedAgainAfterAReExamination_KeepsItsOriginalHandlingTime_AndItsSecondHandlingIsAFigureOfItsOwn()
    {
        // Five Hengnan reports concluded 10, 20, 30, 40 and 50 days after receipt in 2015; in 2022 a re-examination
        // reopens each and it is concluded again 15 days after the reopening.
        var policy = Policy;
        var reports = new List<Report>();
        for (var i = 1; i <= 5; i++)
        {
            var r = Received(Factory, "430422", "deceased-pension", new DateOnly(2015, 3, i));
            r.Accept(Staff, r.SubmittedAt.AddDays(2), policy);
            r.StartVerification(Staff, r.SubmittedAt.AddDays(3));
            r.RecordFinding(Staff, Finding.Unfounded, "不属实", r.SubmittedAt.AddDays(10 * i));
            r.Close(Staff, "已答复", r.SubmittedAt.AddDays(10 * i + 1));
            var reopened = new DateTimeOffset(2022, 6, 1, 2, 0, 0, TimeSpan.Zero);
            r.ReopenAfterReExamination(Staff, Finding.Verified, reopened, policy);
            r.StartVerification(Staff, reopened.AddDays(1));
            r.RecordFinding(Staff, Finding.Verified, "复查属实", reopened.AddDays(15));
            reports.Add(r);
        }
        // A sixth, declined in 2015 and overturned in 2022: its only conclusion belongs to the second handling.
        var declined = Received(Factory, "430422", "deceased-pension", new DateOnly(2015, 3, 9));
        declined.Decline(Staff, "不予受理", declined.SubmittedAt.AddDays(2));
        var again = new DateTimeOffset(2022, 6, 1, 2, 0, 0, TimeSpan.Zero);
        declined.ReopenAfterReExamination(Staff, Finding.Verified, again, policy);
        declined.StartVerification(Staff, again.AddDays(1));
        declined.RecordFinding(Staff, Finding.Verified, "复查属实", again.AddDays(15));
        reports.Add(declined);
        await StoreAsync(Factory, reports);
        await RefreshAsync(Factory);

        var page = await (await OversightAsync()).GetPageAsync("/Oversight?region=430422", "en");
        Assert.Equal("30", Figure(page, "ConcludeMedian"));
        Assert.Equal("50", Figure(page, "ConcludeP90"));
        Assert.Equal("15", Figure(page, "ReviewMedian"));
        Assert.Equal("15", Figure(page, "ReviewP90"));
        // Each figure says what it measures.
        Assert.Contains("from receipt", page.QuerySelector(".stats-figures tr[data-key=ConcludeP90] th")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("from reopening", page.QuerySelector(".stats-figures tr[data-key=ReviewP90] th")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ShowsTheHandComputedFigures_ForARegion()
    {
        await SeedKnownReportsAsync();
        var client = await OversightAsync();
        var page = await client.GetPageAsync("/Oversight?region=430400", "en");

        Assert.Equal("Hunan Province / Hengyang City (衡阳市)", page.QuerySelector("#stats-region")!.TextContent.Trim());
        Assert.Equal("5", Figure(page, "Total"));
        Assert.Equal("3", Figure(page, "Concluded"));
        Assert.Equal("2", Figure(page, "Verified"));
        Assert.Equal("66.7", Figure(page, "VerificationRate"));
        Assert.Equal("1", Figure(page, "Backlog"));
        Assert.Equal("1", Figure(page, "Overdue"));
        // Decided on time: R1, R3, R4; late: R2, and R5 still undecided past its deadline.
        Assert.Equal("60", Figure(page, "AcceptedOnTime"));
        Assert.Equal("60.0%", page.QuerySelector(".stats-figures tr[data-key=AcceptedOnTime] td")!.TextContent.Trim());
        // Concluded on time: R1, R2; late: R3.
        Assert.Equal("66.7", Figure(page, "ConcludedOnTime"));
        // Days to a decision 2, 3, 5, 20; to a conclusion 23, 50, 75 (from receipt).
        Assert.Equal("3", Figure(page, "AcceptMedian"));
        Assert.Equal("20", Figure(page, "AcceptP90"));
        Assert.Equal("50", Figure(page, "ConcludeMedian"));
        Assert.Equal("75", Figure(page, "ConcludeP90"));
        Assert.Equal("15000.00", Figure(page, "MoneyStopped"));
        Assert.Equal("8000.00", Figure(page, "MoneyRecovered"));
        Assert.Equal("2", Figure(page, "PeopleSanctioned"));
        Assert.Equal("1", Figure(page, "PeopleReferred"));
        Assert.Equal("1", Figure(page, "ReferredDiscipline"));
        Assert.Equal("0", Figure(page, "ReferredProsecutors"));

        var kinds = Breakdown(page, "kind");
        Assert.Equal(3, kinds["deceased-pension"]);
        Assert.Equal(1, kinds["duplicate-claims"]);
        Assert.Equal(1, kinds["other"]);
        Assert.Equal(0, kinds["staff-embezzlement"]);
        var status = Breakdown(page, "status");
        Assert.Equal((3L, 1L, 1L), (status["Closed"]!.Value, status["NotAccepted"]!.Value, status["Submitted"]!.Value));
        Assert.Equal((4L, 1L), (Breakdown(page, "source")["anonymous"]!.Value, Breakdown(page, "source")["real-name"]!.Value));
        var findings = Breakdown(page, "finding");
        Assert.Equal((1L, 1L, 1L, 2L), (findings["Verified"]!.Value, findings["PartiallyVerified"]!.Value, findings["Unfounded"]!.Value, findings["none"]!.Value));
        var regions = Breakdown(page, "region");
        Assert.Equal((3L, 1L, 1L, 0L), (regions["430422"]!.Value, regions["430421"]!.Value, regions["self"]!.Value, regions["430481"]!.Value));
        var months = Breakdown(page, "trend");
        Assert.Equal(["2021-03", "2021-04", "2021-05", "2021-06"], months.Keys);
        Assert.Equal([2L, 1L, 1L, 1L], months.Values.Select(v => v!.Value));
        Assert.NotNull(page.QuerySelector("#stats-asof[datetime]"));

        // The province counts Changsha too; a period of receipt narrows to R3 and R4.
        var province = await client.GetPageAsync("/Oversight", "en");
        Assert.Equal("6", Figure(province, "Total"));
        var spring = await client.GetPageAsync("/Oversight?region=430400&from=2021-04&to=2021-05", "en");
        Assert.Equal("2", Figure(spring, "Total"));
        Assert.Equal("100", Figure(spring, "VerificationRate"));
    }

    [Fact]
    public async Task Dashboard_DrillsDown_AndStaysInsideTheReadersJurisdiction()
    {
        await SeedKnownReportsAsync();
        var client = await OversightAsync("430400");
        var city = await client.GetPageAsync("/Oversight", "zh-CN");
        Assert.Equal("5", Figure(city, "Total"));
        var hengnan = city.QuerySelector("#breakdown-region tr[data-key='430422'] a")!.GetAttribute("href")!;
        var county = await client.GetPageAsync(hengnan, "zh-CN");
        Assert.Equal("湖南省 / 衡阳市 / 衡南县", county.QuerySelector("#stats-region")!.TextContent.Trim());
        Assert.Equal("3", Figure(county, "Total"));
        Assert.Null(county.QuerySelector("#breakdown-region"));
        Assert.Equal(["衡阳市", "衡南县"], county.QuerySelectorAll("#trail li").Select(li => li.TextContent.Trim()));

        // Changsha and the whole province are outside a Hengyang auditor's jurisdiction.
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/Oversight?region=430100")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/Oversight?region=430000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/Oversight?handler=Export&format=csv&region=430100")).StatusCode);

        // Officers read reports, not the oversight dashboard; anonymous visitors are sent to sign in.
        var officer = await SignedInStaffAsync(false, "officer@example.org", Roles.Officer, "李", "衡阳市", ["430400"]);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.Http.GetAsync("/Oversight")).StatusCode);
        Assert.Contains("/Account/AccessDenied", (await officer.Http.GetAsync("/Oversight")).Headers.Location!.ToString(), StringComparison.Ordinal);
        var visitor = NewClient();
        Assert.Contains("/Account/Login", (await visitor.Http.GetAsync("/Oversight")).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadMonths_GetAMessageNextToTheField_AndKeepWhatWasTyped()
    {
        await SeedKnownReportsAsync();
        var client = await OversightAsync();
        var page = await client.GetPageAsync("/Oversight?region=430400&from=2021-13&to=last+year", "en");
        Assert.Equal("Enter a month as year-month, for example 2021-06.", page.QuerySelector("[data-valmsg-for='From']")!.TextContent.Trim());
        Assert.Equal("Enter a month as year-month, for example 2021-06.", page.QuerySelector("[data-valmsg-for='To']")!.TextContent.Trim());
        Assert.Equal("2021-13", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#from")!).Value);
        Assert.Equal("5", Figure(page, "Total"));

        var zh = await client.GetPageAsync("/Oversight?region=430400&from=2021-06&to=2021-03", "zh-CN");
        Assert.Equal("截止月份不能早于起始月份。", zh.QuerySelector("[data-valmsg-for='To']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Exports_NeutraliseTextASpreadsheetWouldTakeForAFormula()
    {
        await SeedKnownReportsAsync();
        // Kind names are edited by admins and land in the exports as labels.
        await Factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE report_kinds SET \"NameEn\" = '=HYPERLINK(\"http://evil.example\",\"open\")' WHERE \"Code\" = 'deceased-pension'"));
        var client = await OversightAsync();
        var page = await client.GetPageAsync("/Oversight?region=430400&from=2021-01&to=2021-12", "en");
        Assert.Contains("=HYPERLINK(", page.Body!.TextContent, StringComparison.Ordinal);

        var csvText = await client.Http.GetStringAsync(page.QuerySelector("#export-csv")!.GetAttribute("href"));
        using var csv = new CsvReader(new StringReader(csvText), CultureInfo.InvariantCulture);
        var cells = new List<string>();
        while (csv.Read())
        {
            cells.AddRange(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!));
        }
        Assert.Contains("'=HYPERLINK(\"http://evil.example\",\"open\")", cells);
        Assert.DoesNotContain(cells, c => c.StartsWith('=') || c.StartsWith('+') || c.StartsWith('@'));

        using var workbook = new XLWorkbook(await client.Http.GetStreamAsync(page.QuerySelector("#export-xlsx")!.GetAttribute("href")));
        var texts = workbook.Worksheet(1).CellsUsed().Where(c => c.DataType == XLDataType.Text).Select(c => c.GetString()).ToList();
        Assert.Contains("'=HYPERLINK(\"http://evil.example\",\"open\")", texts);
        Assert.DoesNotContain(workbook.Worksheet(1).CellsUsed(), c => c.HasFormula);
    }

    [Fact]
    public async Task Exports_HoldExactlyTheFiguresOnThePage()
    {
        await SeedKnownReportsAsync();
        var client = await OversightAsync();
        var page = await client.GetPageAsync("/Oversight?region=430400&from=2021-01&to=2021-12", "en");
        var shown = All(page);

        var csvResponse = await client.Http.GetAsync(page.QuerySelector("#export-csv")!.GetAttribute("href"));
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        using var csv = new CsvReader(new StringReader(await csvResponse.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        var csvRows = new List<string[]>();
        while (csv.Read())
        {
            csvRows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!).ToArray());
        }
        Assert.Equal(["Region", "Hunan Province / Hengyang City (衡阳市)"], csvRows[0]);
        Assert.Equal(["Reports received", "2021-01 – 2021-12"], csvRows[1]);
        AssertSame(shown, csvRows.Skip(4).Select(r => (r[1], r[2])).ToList());

        var xlsxResponse = await client.Http.GetAsync(page.QuerySelector("#export-xlsx")!.GetAttribute("href"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType!.MediaType);
        var bytes = await xlsxResponse.Content.ReadAsByteArrayAsync();
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet(1);
        var xlsxRows = sheet.RowsUsed().Skip(4).Select(r => (r.Cell(2).GetString(), r.Cell(3).DataType == XLDataType.Number
            ? r.Cell(3).GetDouble().ToString(CultureInfo.InvariantCulture) : r.Cell(3).GetString())).ToList();
        AssertSame(shown, xlsxRows);
        Assert.Equal(5d, sheet.RowsUsed().Single(r => r.Cell(2).GetString() == "Reports received").Cell(3).GetDouble());

        // A second reader that shares no code with the writer (ExcelDataReader) reads the same rows.
        using (var reader = ExcelDataReader.ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(bytes)))
        {
            var independent = new List<(string, string)>();
            var index = 0;
            while (reader.Read())
            {
                if (index++ >= 4)
                {
                    var value = reader.GetValue(2);
                    independent.Add((Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture) ?? "",
                        value is double d ? d.ToString(CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                }
            }
            AssertSame(shown, independent);
        }

        // The download is in the audit log, with what was exported but nothing about any report.
        var entry = await Factory.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.AuditEntries.Where(a => a.Action == Core.Audit.AuditAction.Export && a.Detail.StartsWith("statistics xlsx"))));
        Assert.Equal("statistics xlsx 430400 2021-01..2021-12", entry.Detail);
    }

    private static void AssertSame(List<(string Label, string Raw, string Shown)> page, List<(string Item, string Value)> export)
    {
        Assert.Equal(page.Count, export.Count);
        for (var i = 0; i < page.Count; i++)
        {
            Assert.StartsWith(page[i].Label, export[i].Item, StringComparison.Ordinal);
            var expected = page[i].Raw.Length > 0 ? decimal.Parse(page[i].Raw, CultureInfo.InvariantCulture) : (decimal?)null;
            var actual = decimal.TryParse(export[i].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : (decimal?)null;
            Assert.True(expected == actual, $"{page[i].Label}: page {page[i].Raw}, export {export[i].Value}");
        }
    }

    [Fact]
    public async Task HunanCampaign_Shows801Reports_And300PlusVerified_OnTheDashboard()
    {
        var supervisor = await Factory.CreateStaffAsync("chief@example.org", Roles.Supervisor, "张", "湖南省", "430000");
        var reports = new Seeding.HunanCampaign(Factory.Service<Core.Regions.RegionCatalogue>(), Policy).Generate(supervisor.Id);
        var verified = reports.Count(r => r.Finding is Finding.Verified or Finding.PartiallyVerified);
        Assert.Equal(801, reports.Count);
        Assert.InRange(verified, 300, 450);
        Assert.All(reports, r => Assert.InRange(r.SubmittedAt.Year, 2011, 2021));
        await StoreAsync(Factory, reports);
        await RefreshAsync(Factory);

        var client = await OversightAsync();
        var page = await client.GetPageAsync("/Oversight?from=2012-01&to=2021-12", "zh-CN");
        Assert.Equal("801", Figure(page, "Total"));
        Assert.Equal(verified.ToString(CultureInfo.InvariantCulture), Figure(page, "Verified"));
        Assert.True(decimal.Parse(Figure(page, "MoneyRecovered"), CultureInfo.InvariantCulture) > 0);
        Assert.True(long.Parse(Figure(page, "ReferredDiscipline"), CultureInfo.InvariantCulture) > 0);
        Assert.InRange(Breakdown(page, "trend").Count, 110, 120);
        Assert.Equal(14, Breakdown(page, "region").Count(r => r.Key != "self"));

        // Hengyang has the most reports, Hengnan the most of Hengyang's.
        var cities = Breakdown(page, "region");
        Assert.Equal("430400", cities.Where(c => c.Key != "self").MaxBy(c => c.Value)!.Key);
        var hengyang = await client.GetPageAsync(page.QuerySelector("#breakdown-region tr[data-key='430400'] a")!.GetAttribute("href")!, "zh-CN");
        Assert.Equal("430422", Breakdown(hengyang, "region").Where(c => c.Key != "self").MaxBy(c => c.Value)!.Key);
        var hengnan = await client.GetPageAsync(hengyang.QuerySelector("#breakdown-region tr[data-key='430422'] a")!.GetAttribute("href")!, "zh-CN");
        Assert.Equal(reports.Count(r => r.RegionCode == "430422").ToString(CultureInfo.InvariantCulture), Figure(hengnan, "Total"));

        var xlsx = await client.Http.GetAsync(page.QuerySelector("#export-xlsx")!.GetAttribute("href"));
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        Assert.Equal(801d, workbook.Worksheet(1).RowsUsed().Single(r => r.Cell(2).GetString() == "收到举报").Cell(3).GetDouble());
    }
}

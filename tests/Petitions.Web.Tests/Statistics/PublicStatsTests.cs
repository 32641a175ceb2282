using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Petitions.Core.Reports;
using Petitions.Testing;
using static Petitions.Web.Tests.Statistics.StatsPages;

namespace Petitions.Web.Tests.Statistics;

public sealed class PublicStatsTests(PetitionsFactory factory) : WebTest(factory)
{
    /// <summary>
    /// Big and small places: 40 reports in Hengnan, 12 in Hengyang county, 3 in Leiyang, 1 for Hengyang city
    /// itself, 20 in Changsha, 2 in Zhuzhou. Every small figure must be withheld on /Stats, and nothing
    /// withheld may be worked out from what is shown.
    /// </summary>
    private async Task<List<Report>> SeedAsync()
    {
        var reports = new List<Report>();
        var kinds = new[] { "deceased-pension", "duplicate-claims", "card-not-owner", "staff-embezzlement" };
        void Add(string region, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var report = Received(Factory, region, kinds[i % kinds.Length], new DateOnly(2019 + (i % 3), 1 + (i % 12), 1 + (i % 28)), anonymous: i % 5 != 0);
                if (region == "430422" && i % 4 == 1)
                {
                    // Ten of Hengnan's are cases the matching of registers opened.
                    report.Source = ReportSource.DataMatching;
                }
                if (i % 3 == 0)
                {
                    var policy = Factory.Service<Core.Policy.TimeLimitPolicy>();
                    report.Accept(Guid.Empty, report.SubmittedAt.AddDays(2), policy);
                    report.StartVerification(Guid.Empty, report.SubmittedAt.AddDays(3));
                    report.RecordFinding(Guid.Empty, i % 2 == 0 ? Finding.Verified : Finding.Unfounded, "结论", report.SubmittedAt.AddDays(30));
                    report.Close(Guid.Empty, "答复", report.SubmittedAt.AddDays(31));
                }
                reports.Add(report);
            }
        }
        Add("430422", 40);
        Add("430421", 12);
        Add("430481", 3);
        Add("430400", 1);
        Add("430102", 20);
        Add("430202", 2);
        await StoreAsync(Factory, reports);
        await RefreshAsync(Factory);
        return reports;
    }

    [Fact]
    public async Task PublicPage_ShowsNoCountUnderFive_AndNoWithheldCellCanBeWorkedOut()
    {
        var reports = await SeedAsync();
        var visitor = NewClient();
        var province = await visitor.GetPageAsync("/Stats", "en");
        Assert.Equal("78", Figure(province, "Total"));
        var hengyangHref = province.QuerySelector("#breakdown-region tr[data-key='430400'] a")!.GetAttribute("href")!;
        var hengyang = await visitor.GetPageAsync(hengyangHref, "en");
        Assert.Equal("56", Figure(hengyang, "Total"));

        foreach (var page in new[] { province, hengyang })
        {
            foreach (var (label, raw, shown) in Counts(page))
            {
                if (raw.Length == 0)
                {
                    Assert.True(shown is "<5" or "—" || Range.IsMatch(shown), $"{label} shows {shown}");
                }
                else
                {
                    // A zero is published (it identifies no one); any other shown count is 5 or more.
                    var n = decimal.Parse(raw, CultureInfo.InvariantCulture);
                    Assert.True(n == 0 || n >= 5, $"{label} shows {raw}");
                }
            }
            AssertNoDifferencing(page);
            // Nothing from any report: no text, no tracking number.
            var html = page.DocumentElement.OuterHtml;
            Assert.DoesNotContain("统计测试用举报", html, StringComparison.Ordinal);
            Assert.DoesNotContain(reports.Select(r => r.TrackingNumber), n => html.Contains(n, StringComparison.Ordinal));
        }

        // Leiyang (3), Hengyang city itself (1) and Zhuzhou (2) are withheld, and cannot be opened.
        Assert.Null(Breakdown(hengyang, "region")["430481"]);
        Assert.Null(Breakdown(hengyang, "region")["self"]);
        Assert.Null(Breakdown(province, "region")["430200"]);
        Assert.Null(province.QuerySelector("#breakdown-region tr[data-key='430200'] a"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync("/Stats?region=430200")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync("/Stats?region=430481")).StatusCode);
        // The difference between the province and its shown cities is not a small count either.
        var cities = Breakdown(province, "region");
        Assert.True(78 - cities.Values.Where(v => v is not null).Sum(v => v!.Value) >= 5);
    }

    private static readonly System.Text.RegularExpressions.Regex Range = new(@"^(\d[\d,]*)–(\d[\d,]*)$");

    [Fact]
    public async Task EveryPublicFigure_IsTrue_AWithheldCellReadsUnderFiveOnlyWhenItIs_AndAProtectingCellReadsItsRange()
    {
        await SeedAsync();
        var visitor = NewClient();
        var oversight = await SignedInStaffAsync("auditor@example.org", Data.Roles.Oversight, "钱审计", "湖南省审计厅", "430000");
        var ranges = 0;
        foreach (var region in new[] { "430000", "430400", "430422" })
        {
            var shown = await visitor.GetPageAsync($"/Stats?region={region}", "en");
            var truth = await oversight.GetPageAsync($"/Oversight?region={region}", "en");
            var rows = shown.QuerySelectorAll(".stats-figures tbody tr:has(td[data-format='Count']), .stats-table tbody tr")
                .Where(tr => tr.Closest("#breakdown-trend") is null).ToList();
            Assert.NotEmpty(rows);
            foreach (var tr in rows)
            {
                var table = tr.Closest("[id]")!.Id;
                var key = tr.GetAttribute("data-key")!;
                var actual = truth.QuerySelector($"#{table} tr[data-key='{key}'] td")?.GetAttribute("data-value");
                if (actual is not { Length: > 0 })
                {
                    continue;
                }
                var value = long.Parse(actual, CultureInfo.InvariantCulture);
                var text = tr.QuerySelector("td")!.TextContent.Trim();
                var where = $"{region} {table} {key}: shows {text}, is {value}";
                if (text == "<5")
                {
                    Assert.True(value < 5, where);
                }
                else if (Range.Match(text) is { Success: true } m)
                {
                    ranges++;
                    Assert.InRange(value, long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
                        long.Parse(m.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
                }
                else if (text != "—")
                {
                    Assert.Equal(value, long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
                }
            }
        }
        Assert.True(ranges > 0, "no cell withheld to protect another: the seed should have some");
    }

    /// <summary>In every breakdown whose parts add up to the shown total: no single withheld part, and the withheld parts hold at least 5.</summary>
    private static void AssertNoDifferencing(IHtmlDocument page)
    {
        var total = long.Parse(Figure(page, "Total"), CultureInfo.InvariantCulture);
        foreach (var id in new[] { "trend", "region", "kind", "status", "source", "finding", "origin" })
        {
            if (page.QuerySelector($"#breakdown-{id}") is null)
            {
                continue;
            }
            var rows = Breakdown(page, id);
            var withheld = rows.Values.Count(v => v is null);
            Assert.NotEqual(1, withheld);
            if (withheld > 0)
            {
                Assert.True(total - rows.Values.Where(v => v is not null).Sum(v => v!.Value) >= 5, $"{id}: the withheld cells add up to under 5");
            }
        }
    }

    [Fact]
    public async Task PublicPage_WorksWithoutSignIn_InBothLanguages_AndExports()
    {
        await SeedAsync();
        var visitor = NewClient();
        var zh = await visitor.GetPageAsync("/Stats", "zh-CN");
        Assert.Equal("统计数据", zh.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("<5", zh.QuerySelector("#breakdown-region")!.TextContent, StringComparison.Ordinal);
        // Where the reports came from, data matching among them, under the same rule.
        Assert.Equal("10", zh.QuerySelector("#breakdown-origin tr[data-key='data-matching'] td")!.TextContent.Trim());
        var en = await visitor.GetPageAsync("/Stats", "en");
        Assert.Equal("Statistics", en.QuerySelector("h1")!.TextContent.Trim());
        // No period filter on the public page: two periods' difference would undo the suppression.
        Assert.Null(en.QuerySelector("input[name='from']"));

        var csv = await visitor.Http.GetAsync(en.QuerySelector("#export-csv")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("Reports received,78", text, StringComparison.Ordinal);
        Assert.Contains("<5", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicPage_BeforeTheFirstRefresh_SaysSo()
    {
        var page = await NewClient().GetPageAsync("/Stats", "en");
        Assert.NotNull(page.QuerySelector("#stats-empty"));
    }

    [Fact]
    public async Task PublicPage_IsTheSameForEveryVisitor_SetsNoCookie_AndShowsANewSnapshotAtOnce()
    {
        await SeedAsync();
        var first = NewClient();
        using (var response = await first.Http.GetAsync("/Stats"))
        {
            // Nothing per visitor on the public page: no cookie, no token (the page is kept and served to everyone).
            Assert.False(response.Headers.Contains("Set-Cookie"));
            Assert.Equal("78", Figure(await FormClient.ParseAsync(response), "Total"));
        }
        // The kept page is kept per language.
        Assert.Equal("Statistics", (await NewClient().GetPageAsync("/Stats", "en")).QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("统计数据", (await NewClient().GetPageAsync("/Stats", "zh-CN")).QuerySelector("h1")!.TextContent.Trim());

        // Five more reports in Changsha and a refresh: the next visitor reads them, not the page kept a moment ago.
        await StoreAsync(Factory, Enumerable.Range(0, 5).Select(i => Received(Factory, "430102", "deceased-pension", new DateOnly(2021, 3, 1 + i))));
        await RefreshAsync(Factory);
        Assert.Equal("83", Figure(await NewClient().GetPageAsync("/Stats", "zh-CN"), "Total"));
    }
}

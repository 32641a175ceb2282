using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Campaigns;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Campaigns;

/// <summary>
/// Through the pages: a supervisor previews and launches a campaign, the reviewer (and nobody else) opens the item,
/// a refused review keeps what was typed, an overturn reopens the report for its anonymous reporter, the dashboard moves.
/// </summary>
public sealed class CampaignReviewTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task ASupervisorLaunches_TheReviewerOverturns_TheReporterSeesIt_AndTheDashboardMoves()
    {
        // An anonymous report, filed through the form, closed as unfounded by Hengnan's officer.
        var (reportId, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var handler = await Factory.CreateStaffAsync("handler@example.org", Roles.Officer, "原经办", "衡南县人社局", "430422");
        await Factory.QueryAsync(async db =>
        {
            var report = await db.Reports.SingleAsync(r => r.Id == reportId);
            var policy = Factory.Service<TimeLimitPolicy>();
            var at = Factory.Clock.GetUtcNow();
            report.Claim(handler.Id, at);
            report.Accept(handler.Id, at.AddMinutes(1), policy);
            report.StartVerification(handler.Id, at.AddMinutes(2));
            report.RecordFinding(handler.Id, Finding.Unfounded, "查无此事", at.AddMinutes(3));
            report.Close(handler.Id, "经核查，反映问题不属实。", at.AddMinutes(4));
            return await db.SaveChangesAsync();
        });
        var reviewer = await SignedInStaffAsync("reviewer@example.org", Roles.Officer, "复查员", "长沙市人社局", "430100");
        var reviewerId = await Factory.QueryAsync(db => db.Users.Where(u => u.Email == "reviewer@example.org").Select(u => u.Id).SingleAsync());

        // An officer may not define campaigns.
        var officer = await SignedInStaffAsync(followRedirects: false, "officer2@example.org", Roles.Officer, "他人", "株洲市人社局", "430200");
        using (var refused = await officer.Http.GetAsync("/Oversight/Campaigns"))
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        var supervisor = await SignedInStaffAsync("lead@example.org", Roles.Supervisor, "组长", "湖南省人社厅", "430000");
        var form = await supervisor.GetPageAsync("/Oversight/Campaigns");
        var fields = new Dictionary<string, string?>
        {
            ["Input.Name"] = "社保基金问题线索起底复查", ["Input.LegalBasis"] = "《社会保险基金监督举报工作管理办法》", ["Input.LeadBody"] = "湖南省纪委监委",
            ["Input.Deadline"] = "2027-06-30", ["Input.Region"] = "衡阳市", ["Input.Reviewers"] = reviewerId.ToString(),
        };
        // A wrong region is named beside its field, and the rest is kept.
        var wrong = await FormClient.ParseAsync(await supervisor.SubmitAsync(form, new Dictionary<string, string?>(fields) { ["Input.Region"] = "火星", ["Input.LeadBody"] = "" }, formAction: "/Oversight/Campaigns?handler=Preview"));
        // In words, not a resource key.
        Assert.DoesNotContain("Campaign.", Filing.ErrorFor(wrong, "Input.Region"), StringComparison.Ordinal);
        // The summary at the top says which field each message is about.
        Assert.Equal("牵头单位：" + Filing.ErrorFor(wrong, "Input.LeadBody"), wrong.QuerySelector("#error-summary a[href='#Input_LeadBody']")!.TextContent);
        // (A message that already names its field is not prefixed again.)
        Assert.Equal(Filing.ErrorFor(wrong, "Input.Region"), wrong.QuerySelector("#error-summary a[href='#Input_Region']")!.TextContent);
        Assert.Equal("社保基金问题线索起底复查", (wrong.QuerySelector("#Input_Name") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
        var preview = await FormClient.ParseAsync(await supervisor.SubmitAsync(wrong, fields, formAction: "/Oversight/Campaigns?handler=Preview"));
        Assert.Contains("1", preview.QuerySelector("#preview-count")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(number, preview.QuerySelector("#preview-sample")!.TextContent, StringComparison.Ordinal);
        var launched = await supervisor.SubmitAsync(preview, fields, formAction: "/Oversight/Campaigns?handler=Launch");
        var campaignUrl = launched.RequestMessage!.RequestUri!.PathAndQuery;
        Assert.StartsWith("/Oversight/Campaigns/", campaignUrl, StringComparison.Ordinal);
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Campaigns.AnyAsync(c => c.Status == CampaignStatus.Active)), TimeSpan.FromSeconds(30));
        var itemId = await Factory.QueryAsync(db => db.CampaignItems.Where(i => i.ReportId == reportId).Select(i => i.Id).SingleAsync());

        // Only the reviewer opens the item; the handler's colleague elsewhere and another officer get a 404.
        var mine = await reviewer.GetPageAsync("/Staff/Reviews");
        Assert.Contains(number, mine.QuerySelector("#reviews")!.TextContent, StringComparison.Ordinal);
        using (var other = await officer.Http.GetAsync($"/Staff/Reviews/{itemId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        Assert.Null((await officer.GetPageAsync("/Staff/Reviews")).QuerySelector("#reviews"));

        var item = await reviewer.GetPageAsync($"/Staff/Reviews/{itemId}");
        Assert.Contains("查无此事", item.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        // Without reasons: refused beside the field, the choices kept.
        var statement = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Pdf("bank statement 2019-2021")), "Files", "银行流水.pdf" } };
        var noReasons = await FormClient.ParseAsync(await reviewer.SubmitAsync(item, new Dictionary<string, string?>
        {
            ["Input.Verdict"] = "Overturned", ["Input.Finding"] = "Verified", ["Input.MoneyToStop"] = "120000", ["Input.MoneyToRecover"] = "86000.50",
        }, extraContent: statement));
        // The evidence uploaded with the refused record is kept.
        Assert.Contains("银行流水.pdf", noReasons.QuerySelector("#accepted-files")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Review.", Filing.ErrorFor(noReasons, "Input.Reasons"), StringComparison.Ordinal);
        Assert.Equal("120000", (noReasons.QuerySelector("#Input_MoneyToStop") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
        Assert.True((noReasons.QuerySelector("#verdict-Overturned") as AngleSharp.Html.Dom.IHtmlInputElement)!.IsChecked);
        var done = await FormClient.ParseAsync(await reviewer.SubmitAsync(noReasons, new Dictionary<string, string?>
        {
            ["Input.Reasons"] = "银行流水显示已故人员账户持续取款，原结论错误。", ["Input.Responsible"] = "某乡镇劳动保障站站长",
        }));
        Assert.NotNull(done.QuerySelector("#notice"));
        Assert.NotNull(done.QuerySelector("#review-record"));
        using (var evidence = await reviewer.Http.GetAsync(done.QuerySelector("#evidence a")!.GetAttribute("href")))
        {
            Assert.Contains("(bank statement 2019-2021) Tj", await evidence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // Nobody else reads it (the officer elsewhere gets a 404), and it is not among the reporter's files.
        using (var foreign = await officer.Http.GetAsync(done.QuerySelector("#evidence a")!.GetAttribute("href")))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        Assert.Equal(0, await Factory.QueryAsync(db => db.Attachments.CountAsync(a => a.ReportId == reportId)));
        // Two days later the clean-up of unclaimed uploads leaves it: it is claimed by the record.
        foreach (var stored in Directory.EnumerateFiles(Factory.StorageFolder, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(stored, DateTime.UtcNow.AddDays(-2));
        }
        await Factory.RunRecurringAsync(Jobs.OrphanUploadsJob.Id);
        using (var evidence = await reviewer.Http.GetAsync(done.QuerySelector("#evidence a")!.GetAttribute("href")))
        {
            Assert.Equal(HttpStatusCode.OK, evidence.StatusCode);
        }

        // A rectification: refused without its owner (the problem kept), then recorded; progress twice; done only with evidence.
        var noOwner = await FormClient.ParseAsync(await reviewer.SubmitAsync(done, new Dictionary<string, string?>
        {
            ["Fix.Problem"] = "停发已故人员养老金并追回冒领款", ["Fix.DueOn"] = "2027-03-31",
        }, formAction: $"/Staff/Reviews/{itemId}?handler=AddRectification"));
        Assert.DoesNotContain("Rectification.", Filing.ErrorFor(noOwner, "Fix.Owner"), StringComparison.Ordinal);
        Assert.Equal("停发已故人员养老金并追回冒领款", noOwner.QuerySelector("#Fix_Problem")!.TextContent);
        var added = await FormClient.ParseAsync(await reviewer.SubmitAsync(noOwner, new Dictionary<string, string?> { ["Fix.Owner"] = "衡南县人社局" },
            formAction: $"/Staff/Reviews/{itemId}?handler=AddRectification"));
        var fixId = added.QuerySelector("#rectifications [data-rectification]")!.GetAttribute("data-rectification");
        async Task<AngleSharp.Html.Dom.IHtmlDocument> ProgressAsync(AngleSharp.Html.Dom.IHtmlDocument page, Dictionary<string, string?> values)
        {
            var form = page.QuerySelector($"[data-rectification='{fixId}'] form")!;
            var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => (string?)i.GetAttribute("value"));
            foreach (var (k, v) in values)
            {
                fields[k] = v;
            }
            using var content = new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)));
            return await FormClient.ParseAsync(await reviewer.Http.PostAsync($"/Staff/Reviews/{itemId}?handler=Progress", content));
        }
        var after1 = await ProgressAsync(added, new() { ["Progress.Stopped"] = "50000", ["Progress.Recovered"] = "20000" });
        Assert.Equal("50,000.00", after1.QuerySelector($"[data-rectification='{fixId}'] [data-stopped]")!.TextContent);
        var noEvidence = await ProgressAsync(after1, new() { ["Progress.Recovered"] = "30000", ["Progress.Done"] = "true" });
        Assert.DoesNotContain("Rectification.", Filing.ErrorFor(noEvidence, "Progress.Evidence"), StringComparison.Ordinal);
        Assert.Equal("30000", (noEvidence.QuerySelector($"#recovered-{fixId}") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
        var finished = await ProgressAsync(noEvidence, new() { ["Progress.Recovered"] = "30000", ["Progress.Done"] = "true", ["Progress.Evidence"] = "停发通知及追缴入账凭证" });
        Assert.Equal("50,000.00", finished.QuerySelector($"[data-rectification='{fixId}'] [data-recovered]")!.TextContent);
        Assert.Null(finished.QuerySelector($"[data-rectification='{fixId}'] form"));

        // The anonymous reporter sees the re-examination and the report open again.
        var visitor = NewClient();
        var opened = await visitor.SubmitAsync(await visitor.GetPageAsync("/Track"), new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key });
        var track = await visitor.GetPageAsync(opened.Headers.Location?.OriginalString ?? opened.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.True(track.QuerySelector("#timeline [data-kind='ReExamined']") is not null, track.QuerySelector("main")?.TextContent);
        Assert.Equal(ReportStatus.Accepted, await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == reportId).Select(r => r.Status).SingleAsync()));

        // The dashboard: one item, reviewed, overturned (100 %), the money found.
        var dashboard = await supervisor.GetPageAsync(campaignUrl);
        Assert.Equal("1", dashboard.QuerySelector("#fig-items")!.TextContent.Trim());
        Assert.Equal("1", dashboard.QuerySelector("#fig-reviewed")!.TextContent.Trim());
        Assert.Equal("1", dashboard.QuerySelector("#fig-overturned")!.TextContent.Trim());
        Assert.Contains("100", dashboard.QuerySelector("#fig-rate")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("120,000.00", dashboard.QuerySelector("#fig-stop")!.TextContent.Trim());
        Assert.Equal("86,000.50", dashboard.QuerySelector("#fig-recover")!.TextContent.Trim());
        Assert.NotNull(dashboard.QuerySelector("#by-county tr[data-key='430422']"));
        Assert.Equal("1", dashboard.QuerySelector("#fig-fixes-done")!.TextContent);
        Assert.Equal("1", dashboard.QuerySelector("#fig-fixes-all")!.TextContent);
        Assert.Equal("50,000.00", dashboard.QuerySelector("#fig-stopped")!.TextContent.Trim());
        Assert.Equal("50,000.00", dashboard.QuerySelector("#fig-recovered")!.TextContent.Trim());
        // The same figures in both downloads.
        using (var csv = await supervisor.Http.GetAsync(dashboard.QuerySelector("#export-csv")!.GetAttribute("href")))
        {
            var text = await csv.Content.ReadAsStringAsync();
            Assert.Contains(",120000", text, StringComparison.Ordinal);
            Assert.Contains(",86000.50", text, StringComparison.Ordinal);
            Assert.Contains(",100\r\n", text, StringComparison.Ordinal);
        }
        using (var xlsx = await supervisor.Http.GetAsync(dashboard.QuerySelector("#export-xlsx")!.GetAttribute("href")))
        {
            using var workbook = new ClosedXML.Excel.XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
            var values = workbook.Worksheet(1).RowsUsed().Select(r => r.Cell(3).GetString()).ToList();
            Assert.Contains("120000", values);
            Assert.Contains("86000.5", values);
        }

        // On the public statistics a campaign of one report shows no count and no money (all under five).
        var stats = await NewClient().GetPageAsync("/Stats", "en");
        Assert.Equal(["<5", "<5", "<5", "<5", "<5"], stats.QuerySelectorAll("#campaign-totals [data-figure]").Select(c => c.TextContent.Trim()));

        // A supervisor of another city neither sees the campaign nor may scope one over Hengyang.
        var elsewhere = await SignedInStaffAsync(followRedirects: false, "zhuzhou@example.org", Roles.Supervisor, "株洲组长", "株洲市人社局", "430200");
        using (var hidden = await elsewhere.Http.GetAsync(campaignUrl))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }
        var theirs = await elsewhere.GetPageAsync("/Oversight/Campaigns");
        Assert.Null(theirs.QuerySelector("#campaigns"));
        // Reviewers are offered from inside their own jurisdiction only: Zhuzhou's officer, not Changsha's reviewer.
        Assert.NotNull(theirs.QuerySelector("label:contains('他人')"));
        Assert.Null(theirs.QuerySelector($"#reviewer-{reviewerId}"));
        var outside = await FormClient.ParseAsync(await elsewhere.SubmitAsync(theirs, fields, formAction: "/Oversight/Campaigns?handler=Preview"));
        Assert.DoesNotContain("Campaign.", Filing.ErrorFor(outside, "Input.Region"), StringComparison.Ordinal);
        Assert.Null(outside.QuerySelector("#preview-count"));
        // The dashboard's tallies, kept by triggers through launch, assignment and review, equal a count from scratch.
        await CampaignTallyCheck.AssertEqualAsync(Factory);
    }
}

/// <summary>The demo's campaign reproduces the article: 801 re-examined, 300+ overturned, Hengnan worst.</summary>
public sealed class HunanCampaignTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task TheHunanCampaign_Shows801_And300PlusOverturned_WithHengnanWorst()
    {
        var client = await SignedInStaffAsync("lead@example.org", Roles.Supervisor, "组长", "湖南省纪委监委", "430000");
        var leadId = await Factory.QueryAsync(db => db.Users.Where(u => u.Email == "lead@example.org").Select(u => u.Id).SingleAsync());
        var reviewer = await Factory.CreateStaffAsync("reviewer@example.org", Roles.Officer, "复查员", "湖南省纪委监委第一审查调查室", "430000");
        var (reports, campaign, items) = new Seeding.HunanCampaign(Factory.Service<Core.Regions.RegionCatalogue>(), Factory.Service<TimeLimitPolicy>())
            .GenerateWithCampaign(_ => leadId, [reviewer.Id], leadId);
        await Factory.QueryAsync(async db =>
        {
            db.Reports.AddRange(reports);
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            db.CampaignItems.AddRange(items);
            await db.SaveChangesAsync();
            db.Rectifications.AddRange(Seeding.HunanCampaign.RectificationsFor(items, reviewer.Id));
            return await db.SaveChangesAsync();
        });
        // Before: mostly "unfounded" or "not accepted".
        Assert.True(items.Count(i => i.OriginalStatus == ReportStatus.NotAccepted || i.OriginalFinding == Finding.Unfounded) > 801 / 2);
        var overturned = items.Count(i => i.Verdict == ReviewVerdict.Overturned);
        Assert.InRange(overturned, 300, 400);

        var page = await client.GetPageAsync($"/Oversight/Campaigns/{campaign.Id}", "zh-CN");
        Assert.Equal("801", page.QuerySelector("#fig-items")!.TextContent.Trim());
        Assert.Equal(overturned.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#fig-overturned")!.TextContent.Trim());
        // One rectification per overturned item, most of them done, with money stopped and recovered.
        Assert.Equal(overturned.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#fig-fixes-all")!.TextContent.Trim());
        Assert.InRange(int.Parse(page.QuerySelector("#fig-fixes-done")!.TextContent, System.Globalization.CultureInfo.InvariantCulture), overturned * 7 / 10, overturned * 95 / 100);
        Assert.NotEqual("0.00", page.QuerySelector("#fig-recovered")!.TextContent.Trim());
        // Hengnan has the highest overturn rate of the counties with at least ten items (the table is sorted by rate).
        var first = page.QuerySelectorAll("#by-county tbody tr").First(r => int.Parse(r.Children[1].TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 10);
        Assert.Equal("430422", first.GetAttribute("data-key"));
        // The figures the documentation quotes (docs/campaigns.md) are the demo's.
        Assert.Equal((38, 47), (items.Count(i => i.RegionCode == "430422" && i.Verdict == ReviewVerdict.Overturned), items.Count(i => i.RegionCode == "430422")));
        // The history's reports speak of years before they were received, and name units without a doubled "县".
        Assert.All(reports, r => Assert.DoesNotContain("县县", r.Description, StringComparison.Ordinal));
        Assert.All(reports, r => Assert.True(System.Text.RegularExpressions.Regex.Matches(r.Description, "(20[0-9]{2})年").All(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= r.SubmittedAt.Year), r.Description));
        // Drill-down as on /Oversight: the province's cities, then Hengyang's counties, with the same figures below.
        var hengyang = page.QuerySelector("#by-child tr[data-key='430400'] a")!.GetAttribute("href")!;
        var city = await client.GetPageAsync(hengyang, "zh-CN");
        Assert.Equal(items.Count(i => i.RegionCode.StartsWith("4304", StringComparison.Ordinal)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            city.QuerySelector("#fig-items")!.TextContent.Trim());
        Assert.Equal(items.Count(i => i.RegionCode == "430422").ToString(System.Globalization.CultureInfo.InvariantCulture),
            city.QuerySelector("#by-child tr[data-key='430422'] td")!.TextContent.Trim());
        Assert.NotNull(city.QuerySelector("#campaign-trail"));
        using (var outside = await client.Http.GetAsync($"/Oversight/Campaigns/{campaign.Id}?region=110000"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, outside.StatusCode);
        }

        // The public statistics show the campaign's totals (no count below five here).
        var stats = await NewClient().GetPageAsync("/Stats", "en");
        var row = stats.QuerySelector("#campaign-totals article")!;
        Assert.Equal("801", row.QuerySelector("[data-figure='items']")!.TextContent);
        Assert.Equal(overturned.ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector("[data-figure='overturned']")!.TextContent);
        // Every overturned report was reopened and concluded again: the reporter's timeline says so.
        var reopened = await Factory.QueryAsync(db => db.ReportEvents.CountAsync(e => e.Kind == ReportEventKind.ReExamined && e.Public));
        Assert.Equal(overturned, reopened);
        await CampaignTallyCheck.AssertEqualAsync(Factory);
    }
}

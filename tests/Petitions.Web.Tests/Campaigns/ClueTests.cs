using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Tests.Statistics;

namespace Petitions.Web.Tests.Campaigns;

/// <summary>Clues from inspection tours, audits and discipline cases: registered by staff, triaged like reports, counted by origin.</summary>
public sealed class ClueTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task AnOfficerRegistersAnInspectionClue_ItIsTriaged_ShowsItsSource_AndCountsByOrigin()
    {
        var officer = await SignedInStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县人社局", "430422");
        var form = await officer.GetPageAsync("/Staff/Clues", "en");
        var fields = new Dictionary<string, string?>
        {
            ["Input.Source"] = "InspectionTour", ["Input.Reference"] = "湘巡反馈〔2021〕3号", ["Input.FoundOn"] = "2021-05-20",
            ["Input.Region"] = "衡南县", ["Input.KindCode"] = "deceased-pension", ["Input.Description"] = "巡察发现乡镇劳动保障站代管已故人员社保卡 37 张。",
        };
        var files = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Pdf("inspection feedback")), "Files", "反馈意见.pdf" } };
        // Without a reference and for a region outside the officer's jurisdiction: both named, the text and the file kept.
        var refused = await FormClient.ParseAsync(await officer.SubmitAsync(form,
            new Dictionary<string, string?>(fields) { ["Input.Reference"] = "", ["Input.Region"] = "430102" }, extraContent: files));
        Assert.Equal("This field is required.", Filing.ErrorFor(refused, "Input.Reference"));
        Assert.Equal("This region is outside your jurisdictions.", Filing.ErrorFor(refused, "Input.Region"));
        Assert.Contains("已故人员社保卡", refused.QuerySelector("#Input_Description")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("反馈意见.pdf", refused.QuerySelector("#accepted-files")!.TextContent, StringComparison.Ordinal);

        var done = await officer.SubmitAsync(refused, fields, extraContent: new MultipartFormDataContent());
        var page = await FormClient.ParseAsync(done);
        var number = page.QuerySelector("#notice span")!.TextContent.Trim();
        var id = await Factory.QueryAsync(db => db.Reports.Where(r => r.TrackingNumber == number).Select(r => r.Id).SingleAsync());
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Reports.AnyAsync(r => r.Id == id && r.TriagedAt != null)), TimeSpan.FromSeconds(15));
        var report = await Factory.QueryAsync(db => db.Reports.Include(r => r.Attachments).SingleAsync(r => r.Id == id));
        Assert.Equal((ReportSource.InspectionTour, "430422", new DateOnly(2021, 5, 20)), (report.Source, report.QueueRegionCode!, report.FoundOn!.Value));
        Assert.Single(report.Attachments);
        Assert.Equal(0, await Factory.QueryAsync(db => db.ReporterNotices.CountAsync(n => n.ReportId == id)));

        var staffPage = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        Assert.Equal("Inspection tour · 湘巡反馈〔2021〕3号 · Found on 2021-05-20", staffPage.QuerySelector("#report-source")!.TextContent.Trim());
        using (var file = await officer.Http.GetAsync(staffPage.QuerySelector("#attachments a")!.GetAttribute("href")))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }

        // The oversight dashboard breaks down by origin exactly; the public page under the small-cell rule.
        await StatsPages.StoreAsync(Factory, Enumerable.Range(0, 3).Select(i => StatsPages.Received(Factory, "430422", "deceased-pension", new DateOnly(2021, 6, 1 + i))));
        await StatsPages.RefreshAsync(Factory);
        var auditor = await SignedInStaffAsync("auditor@example.org", Roles.Oversight, "钱审计", "湖南省审计厅", "430000");
        var oversight = await auditor.GetPageAsync("/Oversight?region=430422", "en");
        string Origin(string key) => oversight.QuerySelector($"#breakdown-origin tr[data-key='{key}'] td")!.TextContent.Trim();
        Assert.Equal(("3", "1", "0"), (Origin("citizen"), Origin("inspection-tour"), Origin("audit")));
        // Four reports in all: Hunan's own page is withheld, and the page that lists provinces shows no origin under five.
        Assert.Equal(HttpStatusCode.NotFound, (await NewClient().Http.GetAsync("/Stats?region=430000")).StatusCode);
        var published = await NewClient().GetPageAsync("/Stats", "en");
        Assert.DoesNotContain(published.QuerySelectorAll("#breakdown-origin td"), td => td.TextContent.Trim() is "1" or "3");
    }
}

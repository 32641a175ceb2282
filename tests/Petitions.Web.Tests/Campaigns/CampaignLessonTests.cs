using Microsoft.EntityFrameworkCore;
using Petitions.Core.Campaigns;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Tests.Statistics;

namespace Petitions.Web.Tests.Campaigns;

/// <summary>Lessons feed triage: while a county's conclusions are overturned at the threshold or more, its new reports go to the city.</summary>
public sealed class CampaignLessonTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task ACountyOverTheThreshold_SendsItsNewReportsToTheCity_AndThePageSaysWhy()
    {
        var lead = await SignedInStaffAsync("lead@example.org", Roles.Supervisor, "组长", "湖南省纪委监委", "430000");
        var leadId = await Factory.QueryAsync(db => db.Users.Where(u => u.Email == "lead@example.org").Select(u => u.Id).SingleAsync());
        var city = await SignedInStaffAsync("city@example.org", Roles.Officer, "市级", "衡阳市人社局", "430400");
        // Ten Hengnan items reviewed, four overturned (40 %); two Changsha items, both overturned (too few to count).
        var reports = Enumerable.Range(0, 12).Select(i => StatsPages.Received(Factory, i < 10 ? "430422" : "430102", "deceased-pension", new DateOnly(2016, 1, 1 + i))).ToList();
        await StatsPages.StoreAsync(Factory, reports);
        var campaign = new Campaign
        {
            Id = Guid.NewGuid(), Name = "衡阳复查", LegalBasis = "—", LeadBody = "省纪委监委", Deadline = new DateOnly(2027, 1, 1), RegionCode = "430000",
            Status = CampaignStatus.Active, CreatedById = leadId, CreatedAt = Factory.Clock.GetUtcNow(),
        };
        await Factory.QueryAsync(db =>
        {
            db.Campaigns.Add(campaign);
            db.CampaignItems.AddRange(reports.Select((r, i) => new CampaignItem
            {
                CampaignId = campaign.Id, ReportId = r.Id, RegionCode = r.RegionCode, OriginalStatus = ReportStatus.Closed,
                Verdict = i < 4 || i >= 10 ? ReviewVerdict.Overturned : ReviewVerdict.Upheld, NewFinding = Finding.Verified, ReviewedAt = Factory.Clock.GetUtcNow(),
            }));
            return db.SaveChangesAsync();
        });

        // A threshold that is not a number is named beside its field and kept.
        var dashboard = await lead.GetPageAsync($"/Oversight/Campaigns/{campaign.Id}", "en");
        var action = $"/Oversight/Campaigns/{campaign.Id}?handler=Lesson";
        var wrong = await FormClient.ParseAsync(await lead.SubmitAsync(dashboard, new Dictionary<string, string?> { ["LessonThreshold"] = "thirty" }, formAction: action));
        Assert.Equal("Enter a whole number.", Filing.ErrorFor(wrong, "LessonThreshold"));
        Assert.Equal("thirty", (wrong.QuerySelector("#LessonThreshold") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
        var saved = await FormClient.ParseAsync(await lead.SubmitAsync(wrong, new Dictionary<string, string?> { ["LessonThreshold"] = "30 %", ["LessonMinimum"] = "5" }, formAction: action));
        Assert.Contains("Saved", saved.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);

        // A new Hengnan report goes to Hengyang, and its page says why.
        var (first, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        Assert.Equal("430400", await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == first).Select(r => r.QueueRegionCode).SingleAsync()));
        var page = await city.GetPageAsync($"/Staff/Report/{first}", "en");
        var why = page.QuerySelector("#routed-by-lesson")!.TextContent;
        Assert.Contains("衡阳复查", why, StringComparison.Ordinal);
        Assert.Contains("40.0 %", why, StringComparison.Ordinal);
        Assert.Contains("30 %", why, StringComparison.Ordinal);

        // Above the rate (50 %), Hengnan keeps its reports.
        await lead.SubmitAsync(await lead.GetPageAsync($"/Oversight/Campaigns/{campaign.Id}", "en"), new Dictionary<string, string?> { ["LessonThreshold"] = "50" }, formAction: action);
        var (second, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        Assert.Equal("430422", await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == second).Select(r => r.QueueRegionCode).SingleAsync()));
    }
}

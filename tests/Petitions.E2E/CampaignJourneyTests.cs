using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>A re-examination campaign, clicked through: define and launch, review and overturn, the reporter reads it, the dashboard moves.</summary>
public sealed class CampaignJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task AssertNoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), page.Url);

    [Fact]
    public async Task ASupervisorLaunches_AReviewerOverturns_TheAnonymousReporterSeesIt_AndTheDashboardMoves()
    {
        var site = Fixture.Site;
        var handler = await site.CreateStaffAsync("handler@example.org", Roles.Officer, "原经办", "衡南县人社局", "430422");
        await site.CreateStaffAsync("reviewer@example.org", Roles.Officer, "复查员", "长沙市人社局", "430100");
        await site.CreateStaffAsync("lead@example.org", Roles.Supervisor, "组长", "湖南省人社厅", "430000");
        var (reportId, number, key) = await Filing.FileAndTriageAsync(site, new FormClient(new HttpClient { BaseAddress = site.RootUri }));
        await site.QueryAsync(async db =>
        {
            var report = await db.Reports.SingleAsync(r => r.Id == reportId);
            var policy = site.Service<TimeLimitPolicy>();
            var at = site.Clock.GetUtcNow();
            report.Claim(handler.Id, at);
            report.Accept(handler.Id, at.AddMinutes(1), policy);
            report.StartVerification(handler.Id, at.AddMinutes(2));
            report.RecordFinding(handler.Id, Finding.Unfounded, "查无此事", at.AddMinutes(3));
            report.Close(handler.Id, "经核查，反映问题不属实。", at.AddMinutes(4));
            return await db.SaveChangesAsync();
        });

        // The supervisor finds campaigns from the workspace, previews, then launches.
        var lead = await Fixture.NewPageAsync("en");
        await SignInAsync(lead, "lead@example.org");
        await lead.GotoAsync("/Staff");
        await lead.Locator("#staff-links").GetByRole(AriaRole.Link, new() { Name = "Re-examination campaigns" }).ClickAsync();
        await lead.Locator("#Input_Name").FillAsync("Tracing social-security clues since 2012");
        await lead.Locator("#Input_LeadBody").FillAsync("Hunan Discipline Inspection Commission");
        await lead.Locator("#Input_LegalBasis").FillAsync("Measures on social insurance fund supervision reports");
        await lead.Locator("#Input_Deadline").FillAsync("2027-06-30");
        await lead.Locator("#Input_Region").FillAsync("Mars");
        await lead.GetByLabel("复查员").CheckAsync();
        await lead.Locator("#preview").ClickAsync();
        // A refusal names the field and keeps the rest.
        await Expect(lead.Locator("[data-valmsg-for='Input.Region']")).ToContainTextAsync("No region");
        await Expect(lead.Locator("#Input_Name")).ToHaveValueAsync("Tracing social-security clues since 2012");
        await Expect(lead.GetByLabel("复查员")).ToBeCheckedAsync();
        await lead.Locator("#Input_Region").FillAsync("430400");
        await lead.Locator("#preview").ClickAsync();
        await Expect(lead.Locator("#preview-count")).ToContainTextAsync("1 reports");
        await Expect(lead.Locator("#preview-sample")).ToContainTextAsync(number);
        await lead.Locator("#launch").ClickAsync();
        await Expect(lead).ToHaveURLAsync(new Regex("/Oversight/Campaigns/[0-9a-f-]{36}$"));
        await Wait.UntilAsync(async () =>
        {
            await lead.ReloadAsync();
            return (await lead.Locator("#fig-items").TextContentAsync())?.Trim() == "1";
        }, TimeSpan.FromSeconds(30));
        await Expect(lead.Locator("#fig-overturned")).ToHaveTextAsync("0");

        // The reviewer overturns it.
        var reviewer = await Fixture.NewPageAsync("en");
        await SignInAsync(reviewer, "reviewer@example.org");
        await reviewer.GotoAsync("/Staff");
        await reviewer.Locator("#staff-links").GetByRole(AriaRole.Link, new() { Name = "My re-examinations" }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(reviewer.Locator("#original-conclusion")).ToContainTextAsync("Unfounded");
        await Expect(reviewer.Locator("#timeline")).ToContainTextAsync("查无此事");
        await reviewer.GetByLabel("Overturned").CheckAsync();
        await reviewer.Locator("#Input_Finding").SelectOptionAsync("Verified");
        await reviewer.Locator("#Input_MoneyToStop").FillAsync("120000");
        await reviewer.Locator("#record-review").ClickAsync();
        await Expect(reviewer.Locator("[data-valmsg-for='Input.Reasons']")).ToContainTextAsync("Give the reasons");
        await Expect(reviewer.Locator("#Input_MoneyToStop")).ToHaveValueAsync("120000");
        await reviewer.Locator("#Input_Reasons").FillAsync("Bank statements show the deceased people's accounts were drawn every month.");
        await reviewer.Locator("#record-review").ClickAsync();
        await Expect(reviewer.Locator("#notice")).ToContainTextAsync("overturned");
        await Expect(reviewer.Locator("#review-verdict")).ToHaveTextAsync("Overturned");
        await reviewer.SetViewportSizeAsync(390, 844);
        await AssertNoSidewaysScrollAsync(reviewer);

        // The anonymous reporter, in Chinese, reads that it was re-examined.
        var reporter = await Fixture.NewPageAsync("zh-CN");
        await reporter.GotoAsync("/Track");
        await reporter.Locator("#Input_TrackingNumber").FillAsync(number);
        await reporter.Locator("#Input_AccessKey").FillAsync(key);
        await reporter.Locator("main form button[type=submit]").ClickAsync();
        await Expect(reporter.Locator("#timeline [data-kind='ReExamined']")).ToContainTextAsync("经专项复查");
        await Expect(reporter.Locator("#timeline [data-kind='ReExamined']")).ToContainTextAsync("属实");

        // The dashboard moved.
        await lead.ReloadAsync();
        await Expect(lead.Locator("#fig-reviewed")).ToHaveTextAsync("1");
        await Expect(lead.Locator("#fig-overturned")).ToHaveTextAsync("1");
        await Expect(lead.Locator("#fig-rate")).ToContainTextAsync("100");
        await Expect(lead.Locator("#fig-stop")).ToHaveTextAsync("120,000.00");
        await lead.SetViewportSizeAsync(390, 844);
        await AssertNoSidewaysScrollAsync(lead);
        await lead.GotoAsync("/Oversight/Campaigns");
        await AssertNoSidewaysScrollAsync(lead);
    }
}

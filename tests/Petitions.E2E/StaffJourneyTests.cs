using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.Core.Policy;
using Petitions.Data;
using Petitions.Testing;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>The staff roles' journeys, clicked as people click and read from the page.</summary>
public sealed class StaffJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private FormClient Anonymous() => new(new HttpClient { BaseAddress = Fixture.Site.RootUri });

    [Fact]
    public async Task AnOfficer_FindsAReportByItsNumber_WorksItThrough_AndRefersItWithTheCaseFile()
    {
        var site = Fixture.Site;
        await site.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var (_, number, _) = await Filing.FileAndTriageAsync(site, Anonymous());
        var page = await Fixture.NewPageAsync("en");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await SignInAsync(page, "officer@example.org");

        // A caller reads the number without its dash.
        await page.GotoAsync("/Staff");
        await page.Locator("#q").FillAsync(number.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        await page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync("The report with this tracking number:");
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();

        await page.Locator("form[data-action='Claim'] button").ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("You have claimed this report");
        await page.Locator("form[data-action='Accept'] button").ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("Accepted");
        // A template, filled with this report's number, becomes the message.
        await page.Locator("#template").SelectOptionAsync(new SelectOptionValue { Label = "请求补充材料" });
        await page.Locator("#template-form button").ClickAsync();
        await Expect(page.Locator("#message-text")).ToHaveValueAsync(new Regex(Regex.Escape(number)));
        await page.Locator("button[formaction*='handler=Message']").ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("sent to the reporter");
        await page.Locator("#Input_Note").FillAsync("Checked with the credit union: three cards withdrawn monthly.");
        await page.Locator("button[formaction*='handler=Note']").ClickAsync();
        await Expect(page.Locator("#timeline li.note-internal")).ToContainTextAsync("credit union");

        await page.Locator("form[data-action='StartVerification'] button").ClickAsync();
        await page.Locator("#finding").SelectOptionAsync("Verified");
        await page.Locator("#finding-summary").FillAsync("Three deceased pensioners' cards were used every month.");
        await page.Locator("form[data-action='RecordFinding'] button").ClickAsync();
        await Expect(page.Locator("#report-status")).ToHaveTextAsync("Concluded");
        await page.Locator("form[data-action='Refer'] select").SelectOptionAsync("DisciplineCommission");
        await page.Locator("form[data-action='Refer'] button").ClickAsync();
        await Expect(page.Locator("#referral")).ToHaveTextAsync("To the discipline inspection commission");

        await page.Locator("#case-file").ClickAsync();
        await Expect(page.Locator("#case-timeline")).ToContainTextAsync("credit union");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#case-file-zip").ClickAsync());
        using var zip = ZipFile.OpenRead(await download.PathAsync());
        Assert.Equal(["case-file.json", "case-file.txt"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var text = new StreamReader(zip.GetEntry("case-file.txt")!.Open());
        var content = await text.ReadToEndAsync();
        Assert.Contains(number, content, StringComparison.Ordinal);
        Assert.Contains("credit union", content, StringComparison.Ordinal);
        Assert.Contains("周洁", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASupervisor_RefusesOneExtension_ApprovesAnother_AndTheReporterSeesTheNewDeadline()
    {
        var site = Fixture.Site;
        var officer = await site.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        await site.CreateStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        var policy = site.Service<TimeLimitPolicy>();
        var reports = new List<(Guid Id, string Number, string Key)>();
        for (var i = 0; i < 2; i++)
        {
            var filed = await Filing.FileAndTriageAsync(site, Anonymous());
            reports.Add(filed);
            await site.QueryAsync(async db =>
            {
                var r = await db.Reports.Include(x => x.Events).SingleAsync(x => x.Id == filed.Id);
                var now = DateTimeOffset.UtcNow;
                r.Claim(officer.Id, now);
                r.Accept(officer.Id, now, policy);
                r.StartVerification(officer.Id, now);
                r.RequestExtension(officer.Id, 20, "需要调取五年的银行流水。", now, policy);
                return await db.SaveChangesAsync();
            });
        }
        var page = await Fixture.NewPageAsync("en");
        await SignInAsync(page, "chief@example.org");

        await page.GotoAsync($"/Staff/Report/{reports[0].Id}");
        await Expect(page.Locator("#extension-requested")).ToHaveTextAsync("20 more days requested.");
        await Expect(page.Locator("#extension-reason")).ToContainTextAsync("五年的银行流水");
        await page.Locator("form[data-action='RefuseExtension'] input[name='Input.Reason']").FillAsync("The statements can be had within the time limit.");
        await page.Locator("form[data-action='RefuseExtension'] button").ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Extension refused; the deadline stays as it was.");

        await page.GotoAsync($"/Staff/Report/{reports[1].Id}");
        var before = await page.Locator("#deadline-date").TextContentAsync();
        await page.Locator("form[data-action='ApproveExtension'] button").ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Extension approved; the reporter sees the new deadline.");
        var after = (await page.Locator("#deadline-date").TextContentAsync())!;
        Assert.NotEqual(before, after);
        await Expect(page.Locator("#deadline")).ToContainTextAsync("(extended by 20 days)");

        var reporter = await Fixture.NewPageAsync("en");
        await reporter.GotoAsync("/Track");
        await reporter.Locator("#Input_TrackingNumber").FillAsync(reports[1].Number);
        await reporter.Locator("#Input_AccessKey").FillAsync(reports[1].Key);
        await reporter.Locator("main form button[type=submit]").ClickAsync();
        await Expect(reporter.Locator("#deadline-date")).ToHaveTextAsync(after.Trim());
    }

    [Fact]
    public async Task ASupervisor_AssignsTwentyReportsFromTheQueueInOneGo()
    {
        var site = Fixture.Site;
        await site.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        await site.CreateStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        for (var i = 0; i < 20; i++)
        {
            await Filing.FileAndTriageAsync(site, Anonymous());
        }
        var page = await Fixture.NewPageAsync("en");
        await SignInAsync(page, "chief@example.org");
        await page.GotoAsync("/Staff?view=unassigned");
        var boxes = page.Locator("#queue tbody input[name=ids]");
        await Expect(boxes).ToHaveCountAsync(20);
        for (var i = 0; i < 20; i++)
        {
            await boxes.Nth(i).CheckAsync();
        }
        await page.Locator("#bulkAction").SelectOptionAsync("Assign");
        await page.Locator("#bulk-assignee").SelectOptionAsync(new SelectOptionValue { Label = "周洁 · 衡南县信访局 (0 open)" });
        await page.Locator("#bulk-submit").ClickAsync();
        await Expect(page.Locator("#bulk-result")).ToContainTextAsync("Assign: done for 20, refused for 0.");
        await Expect(page.Locator("#queue-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnAdmin_WidensAMembersJurisdictions_AndResetsTheirAuthenticator()
    {
        var site = Fixture.Site;
        await site.CreateStaffAsync("admin@example.org", Roles.Admin, "管理员", "湖南省人社厅", "430000");
        await site.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var page = await Fixture.NewPageAsync("en");
        await SignInAsync(page, "admin@example.org");
        await page.GotoAsync("/Admin/Staff");
        var row = page.Locator("#staff tbody tr", new() { HasText = "officer@example.org" });
        await row.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.Locator("#member-form")).ToHaveTextAsync("Edit officer@example.org");
        await page.Locator("#Input_Jurisdictions").FillAsync("430422, 430481");
        await page.Locator("#save-member").ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("The changes have been saved");
        await Expect(row).ToContainTextAsync("430481");

        await row.GetByRole(AriaRole.Button, new() { Name = "Reset authenticator" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("The authenticator has been removed");
        Assert.False(await site.QueryAsync(db => db.Users.Where(u => u.Email == "officer@example.org").Select(u => u.TwoFactorEnabled).SingleAsync()));
    }
}

using Microsoft.Playwright;
using Petitions.Data;
using Petitions.Testing;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// An officer signs in with an authenticator code, claims an anonymous report, accepts it, records a finding and
/// messages the reporter; the reporter sees the message and the new status on /Track.
/// </summary>
public sealed class OfficerTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AnOfficerWorksAnAnonymousReport_AndTheReporterSeesIt()
    {
        var site = Fixture.Site;
        await site.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");

        // The reporter files anonymously (through the form, proof of work solved by the test helper).
        var (_, number, key) = await Filing.FileAndTriageAsync(site, new FormClient(new HttpClient { BaseAddress = site.RootUri }),
            Filing.ValidFields("某乡镇劳动保障站工作人员持有多张已故老人的社保卡，每月按时取款。"));

        var page = await Fixture.NewPageAsync("en");
        await SignInAsync(page, "officer@example.org");

        await page.GotoAsync("/Staff");
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(page.Locator("#report-status")).ToHaveTextAsync("Submitted");
        foreach (var (action, status) in new[] { ("Claim", "Submitted"), ("Accept", "Assigned"), ("StartVerification", "Under verification") })
        {
            await page.Locator($"form[data-action='{action}'] button[type=submit]").ClickAsync();
            await Expect(page.Locator("#report-status")).ToHaveTextAsync(status);
        }
        await page.Locator("#message-text").FillAsync("Thank you. Please tell us which bank branch the cards were used at.");
        await page.Locator("button[formaction*='handler=Message']").ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("sent to the reporter");
        await page.Locator("#finding").SelectOptionAsync("Verified");
        await page.Locator("#finding-summary").FillAsync("Cards of three deceased people were used monthly.");
        await page.Locator("form[data-action='RecordFinding'] button[type=submit]").ClickAsync();
        await Expect(page.Locator("#report-status")).ToHaveTextAsync("Concluded");

        // The reporter, in another browser, with the number and key.
        var reporter = await Fixture.NewPageAsync("en");
        await reporter.GotoAsync("/Track");
        await reporter.Locator("#Input_TrackingNumber").FillAsync(number);
        await reporter.Locator("#Input_AccessKey").FillAsync(key);
        await reporter.Locator("main form button[type=submit]").ClickAsync();
        await Expect(reporter.Locator("#report-status")).ToHaveTextAsync("Concluded");
        await Expect(reporter.Locator("#timeline li.message-public")).ToContainTextAsync("which bank branch");
    }
}

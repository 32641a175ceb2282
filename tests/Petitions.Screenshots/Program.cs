using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Jobs;
using Petitions.Web.Jobs.Triage;
using static Microsoft.Playwright.Assertions;

// ./petitions screenshots: the README's screens, taken by a real browser in both languages from the demo's
// data (the Hunan data set and current made-up reports), so they show the site as it is now.
// Written to tests/Petitions.Screenshots/screens/.
var webRoot = Petitions.Web.Infrastructure.WebRootLocator.Find() ?? throw new InvalidOperationException("Run from the repository.");
var repository = Path.GetDirectoryName(webRoot)!;
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PETITIONS_WEB", Path.Combine(repository, "src", "Petitions.Web"));
var output = Path.Combine(repository, "tests", "Petitions.Screenshots", "screens");
Directory.CreateDirectory(output);

var site = new ScreensFactory();
await site.InitializeAsync();
try
{
    var supervisor = await site.CreateStaffAsync("supervisor@demo.petitions", Roles.Supervisor, "张主任", "湖南省纪委监委信访室", "430000");
    await site.CreateStaffAsync("officer@demo.petitions", Roles.Officer, "李承办", "衡阳市纪委监委信访室", "430400");
    await site.CreateStaffAsync("oversight@demo.petitions", Roles.Oversight, "赵审计", "湖南省审计厅", "430000");
    var regions = site.Service<Petitions.Core.Regions.RegionCatalogue>();
    var policy = site.Service<Petitions.Core.Policy.TimeLimitPolicy>();
    var synthetic = new Petitions.Web.Seeding.SyntheticReports(regions, policy);
    var now = DateTimeOffset.UtcNow;
    var hengyang = synthetic.Counties.Where(c => c.ParentCode == "430400").ToList();
    await site.QueryAsync(async db =>
    {
        db.Reports.AddRange(new Petitions.Web.Seeding.HunanCampaign(regions, policy).Generate(supervisor.Id));
        db.Reports.AddRange(Enumerable.Range(0, 24).Select(i => synthetic.Next(now.AddHours(-20 * (24 - i)), hengyang[i % hengyang.Count])));
        return await db.SaveChangesAsync();
    });
    site.Jobs.Enqueue<TriageJob>(j => j.DrainAsync(CancellationToken.None));
    await Wait.UntilAsync(() => site.QueryAsync(db => db.Reports.AllAsync(r => r.TriagedAt != null)), TimeSpan.FromSeconds(120));
    await site.RunRecurringAsync(TimeLimitSweepJob.Id);
    await site.RunRecurringAsync(StatsRefreshJob.Id);

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("PETITIONS_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    foreach (var language in new[] { "zh-CN", "en" })
    {
        async Task<IPage> PageAsync()
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = site.RootUri.ToString(),
                Locale = language,
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            });
            context.SetDefaultTimeout(30_000);
            return await context.NewPageAsync();
        }
        async Task ShotAsync(IPage page, string name)
        {
            var path = Path.Combine(output, $"{name}-{language}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            Console.WriteLine(Path.GetRelativePath(repository, path));
        }

        // The reporter: the form, the receipt, the tracking page.
        var reporter = await PageAsync();
        reporter.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await reporter.GotoAsync("/Report");
        await reporter.Locator("#anon-yes").CheckAsync();
        await reporter.Locator("#Input_KindCode").SelectOptionAsync("deceased-pension");
        await reporter.Locator("#Input_ProvinceCode").SelectOptionAsync("430000");
        await Expect(reporter.Locator("#Input_CityCode option[value='430400']")).ToHaveCountAsync(1);
        await reporter.Locator("#Input_CityCode").SelectOptionAsync("430400");
        await Expect(reporter.Locator("#Input_CountyCode option[value='430422']")).ToHaveCountAsync(1);
        await reporter.Locator("#Input_CountyCode").SelectOptionAsync("430422");
        await reporter.Locator("#Input_Description").FillAsync(language == "en"
            ? "At the township labour office, the clerk keeps the social-security cards of at least six villagers who died years ago and withdraws their pensions every month."
            : "某乡镇劳动保障站协管员手里有至少六位已去世多年的村民的社保卡，每月照常取走养老金。");
        await ShotAsync(reporter, "1-report");
        await reporter.Locator("altcha-widget label[for^=altcha-checkbox]").ClickAsync();
        await Expect(reporter.Locator("input[name=altcha]")).ToHaveValueAsync(new Regex(".{20,}"), new() { Timeout = 60_000 });
        await reporter.Locator("#submit-report").Last.ClickAsync();
        await Expect(reporter.Locator("#tracking-number")).ToBeVisibleAsync();
        await ShotAsync(reporter, "2-receipt");
        var number = (await reporter.Locator("#tracking-number").TextContentAsync())!.Trim();
        var key = (await reporter.Locator("#access-key").TextContentAsync())!.Trim();
        await reporter.GotoAsync("/Track");
        await reporter.Locator("#Input_TrackingNumber").FillAsync(number);
        await reporter.Locator("#Input_AccessKey").FillAsync(key);
        await reporter.Locator("main form button[type=submit]").ClickAsync();
        await Expect(reporter.Locator("#timeline")).ToBeVisibleAsync();
        await ShotAsync(reporter, "3-track");

        // The officer: the queue and a report.
        var officer = await PageAsync();
        await SignInAsync(officer, "officer@demo.petitions");
        await officer.GotoAsync("/Staff");
        await ShotAsync(officer, "4-queue");
        await officer.Locator("#queue tbody a").First.ClickAsync();
        await Expect(officer.Locator("#report-status")).ToBeVisibleAsync();
        await ShotAsync(officer, "5-report");

        // The officer accepts the report just filed; the reporter opens the acceptance notice on /Track.
        await officer.GotoAsync("/Staff?q=" + Uri.EscapeDataString(number));
        await officer.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await officer.Locator("form[data-action='Accept'] button").ClickAsync();
        await Expect(officer.Locator("#notices a")).ToBeVisibleAsync();
        await reporter.GotoAsync("/Track/Report");
        await reporter.Locator("#notices a").ClickAsync();
        await Expect(reporter.Locator("#notice-number")).ToBeVisibleAsync();
        await ShotAsync(reporter, "7-notice");

        // The oversight reader: the 2012–2021 figures.
        var auditor = await PageAsync();
        await SignInAsync(auditor, "oversight@demo.petitions");
        await auditor.GotoAsync("/Oversight?from=2012-01&to=2021-12");
        await Expect(auditor.Locator("figure[data-chart] canvas").First).ToBeVisibleAsync();
        await ShotAsync(auditor, "6-oversight");
    }
}
finally
{
    await ((Xunit.IAsyncLifetime)site).DisposeAsync();
}

async Task SignInAsync(IPage page, string email)
{
    await page.GotoAsync("/Account/Login");
    await page.Locator("#Input_Email").FillAsync(email);
    await page.Locator("#Input_Password").FillAsync(PetitionsFactory.StaffPassword);
    await page.Locator("main form button[type=submit]").ClickAsync();
    await Expect(page).ToHaveURLAsync(new Regex("LoginWith2fa"));
    await page.Locator("#Input_Code").FillAsync(await site.UnusedTotpCodeAsync(email));
    await page.Locator("main form button[type=submit]").ClickAsync();
    await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/"));
}

/// <summary>The test site on a real Kestrel port, with its own throwaway database.</summary>
internal sealed class ScreensFactory() : PetitionsFactory("screens", kestrel: true);

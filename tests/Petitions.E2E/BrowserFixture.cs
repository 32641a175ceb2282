using Microsoft.Playwright;
using Petitions.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Petitions.E2E;

/// <summary>The site on a real Kestrel port, and Debian's chromium driven by Playwright (no browser download).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public SiteFactory Site { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Site.InitializeAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PETITIONS_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(string locale = "zh-CN", bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            BaseURL = Site.RootUri.ToString(),
            Locale = locale,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        // Null-safe: when the browser failed to start, the tests report that, not a cleanup error.
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        Playwright?.Dispose();
        await ((IAsyncLifetime)Site).DisposeAsync();
    }

    public sealed class SiteFactory() : PetitionsFactory("e2e", kestrel: true);
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    protected BrowserFixture Fixture { get; } = fixture;

    public virtual Task InitializeAsync() => Fixture.Site.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The Hunan data set (801 reports, 2012–2021) stored through a province supervisor, and the statistics refreshed.</summary>
    protected async Task<IReadOnlyList<Core.Reports.Report>> SeedHunanAsync()
    {
        var site = Fixture.Site;
        var supervisor = await site.CreateStaffAsync("chief@example.org", Data.Roles.Supervisor, "张", "湖南省", "430000");
        var reports = new Web.Seeding.HunanCampaign(site.Service<Core.Regions.RegionCatalogue>(), site.Service<Core.Policy.TimeLimitPolicy>()).Generate(supervisor.Id);
        await Testing.DbQueries.QueryAsync(site, async db =>
        {
            db.Reports.AddRange(reports);
            return await db.SaveChangesAsync();
        });
        await site.RunRecurringAsync(Web.Jobs.StatsRefreshJob.Id);
        return reports;
    }

    /// <summary>Signs in through the login page, and for staff through the authenticator step as well.</summary>
    protected async Task SignInAsync(IPage page, string email, string password = Testing.PetitionsFactory.StaffPassword, bool twoFactor = true)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        if (twoFactor)
        {
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("LoginWith2fa"));
            await page.Locator("#Input_Code").FillAsync(await Fixture.Site.UnusedTotpCodeAsync(email));
            await page.Locator("main form button[type=submit]").ClickAsync();
        }
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }
}

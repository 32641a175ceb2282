using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.Data;
using Petitions.Testing;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// axe-core (the npm package, served from this site's wwwroot/lib; no CDN) with the WCAG 2.1 A and AA rules on
/// every public and citizen page and the main staff and oversight pages, in both languages: no violations.
/// And a report filed with the keyboard alone.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task<List<string>> AxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            // Loaded by URL from this site, which the CSP allows (an inline script would be refused).
            await page.AddScriptTagAsync(new() { Url = "/lib/axe-core/axe.min.js" });
        }
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
                return r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
            }
            """);
        return result.EnumerateArray().Select(v => page.Url + " → " + v.GetString()).ToList();
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task EveryMainPage_HasNoWcag21AViolations(string language)
    {
        var site = Fixture.Site;
        await site.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "湖南省信访局", "430000");
        await site.CreateStaffAsync("auditor@example.org", Roles.Oversight, "钱审计", "湖南省审计厅", "430000");
        await site.CreateStaffAsync("admin@example.org", Roles.Admin, "管理员", "湖南省人社厅", "430000");
        await site.CreateUserAsync("citizen@example.org", "Citizen-Pass-2026", Roles.Citizen, "王小明");
        var (id, number, key) = await Filing.FileAndTriageAsync(site, new FormClient(new HttpClient { BaseAddress = site.RootUri }),
            Filing.ValidFields("某乡镇劳动保障站工作人员持有多张已故老人的社保卡，每月按时取款。**加粗**"));
        await site.RunRecurringAsync(Web.Jobs.StatsRefreshJob.Id);

        var violations = new List<string>();
        var visitor = await Fixture.NewPageAsync(language);
        var publicPages = new[] { "/", "/Report", "/Track", "/Stats", "/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/Account/ResendConfirmation",
            "/help", "/privacy", "/accessibility", "/contact", "/no/such/page" };
        foreach (var path in publicPages)
        {
            await visitor.GotoAsync(path);
            violations.AddRange(await AxeAsync(visitor));
        }
        // On a phone (390 × 844) and a laptop (1280 × 800) no public page scrolls sideways or logs an error.
        violations.AddRange(await LayoutProblemsAsync(language, publicPages));
        // A form shown again with its messages.
        await visitor.GotoAsync("/Report");
        await visitor.Locator("#submit-report").Last.ClickAsync();
        await Expect(visitor.Locator(".field-validation-error").First).ToBeVisibleAsync();
        violations.AddRange(await AxeAsync(visitor));
        // The reporter's tracking page.
        await visitor.GotoAsync("/Track");
        await visitor.Locator("#Input_TrackingNumber").FillAsync(number);
        await visitor.Locator("#Input_AccessKey").FillAsync(key);
        await visitor.Locator("main form button[type=submit]").ClickAsync();
        await Expect(visitor.Locator("#timeline")).ToBeVisibleAsync();
        violations.AddRange(await AxeAsync(visitor));

        var citizen = await Fixture.NewPageAsync(language);
        await SignInAsync(citizen, "citizen@example.org", "Citizen-Pass-2026", twoFactor: false);
        var citizenPages = new[] { "/Track/Mine", "/Account/Manage", "/Account/Password", "/Account/Email", "/Account/Data", "/Account/Delete", "/Report" };
        foreach (var path in citizenPages)
        {
            await citizen.GotoAsync(path);
            violations.AddRange(await AxeAsync(citizen));
        }
        violations.AddRange(await LayoutProblemsAsync(language, citizenPages, ("citizen@example.org", "Citizen-Pass-2026", false)));
        violations.AddRange(await LayoutProblemsAsync(language, ["/Staff", $"/Staff/Report/{id}", $"/Staff/Report/{id}/CaseFile", "/Staff/Intake", "/Staff/Clues"], ("officer@example.org", PetitionsFactory.StaffPassword, true)));
        // The longest menu: an administrator's (workspace, oversight, administration).
        violations.AddRange(await LayoutProblemsAsync(language, ["/Admin/Staff", "/Admin/Templates", "/Admin/Regimes", "/Admin/MatchingRules", "/Admin/Notices", "/Oversight", "/Oversight/Campaigns", "/Staff/Reviews"], ("admin@example.org", PetitionsFactory.StaffPassword, true)));

        var officer = await Fixture.NewPageAsync(language);
        await SignInAsync(officer, "officer@example.org");
        foreach (var path in new[] { "/Staff", "/Staff?view=overdue", $"/Staff/Report/{id}", $"/Staff/Report/{id}/CaseFile", "/Staff/Intake", "/Staff/Clues", "/Staff/Reviews" })
        {
            await officer.GotoAsync(path);
            violations.AddRange(await AxeAsync(officer));
        }

        // A data-matching case with its hits (one dead pensioner of 衡南县 still paid), and the analysts' pages.
        await site.CreateStaffAsync("analyst@example.org", Roles.Analyst, "钱分析", "湖南省人社厅基金监督处", "430000");
        await site.QueryAsync(async db =>
        {
            var import = new RegisterImport { Id = Guid.NewGuid(), FileName = "x.csv", Sha256 = [(byte)language.Length], Source = Core.Matching.RegisterSource.PensionRoll };
            db.RegisterImports.Add(import);
            byte[] same = [7, 7, (byte)language.Length];
            db.RegisterEntries.AddRange(
                new RegisterEntry { ImportId = import.Id, Source = Core.Matching.RegisterSource.PensionRoll, PersonNumber = "A" + language, Name = "王德顺", IdHash = same, Region = "430422" },
                new RegisterEntry { ImportId = import.Id, Source = Core.Matching.RegisterSource.Cremation, IdHash = same, EventDate = new DateOnly(2019, 1, 1) });
            var saved = await db.SaveChangesAsync();
            return saved + await TestRegisters.PaymentAsync(db, import.Id, "A" + language, new DateOnly(2020, 1, 1), 100);
        });
        await site.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id);
        var matchingCase = await site.QueryAsync(db => db.Reports.Where(r => r.SourceReference!.StartsWith("A" + language + "/hit-")).Select(r => r.Id).SingleAsync());
        await officer.GotoAsync($"/Staff/Report/{matchingCase}");
        violations.AddRange(await AxeAsync(officer));
        var analyst = await Fixture.NewPageAsync(language);
        await SignInAsync(analyst, "analyst@example.org");
        var analystPages = new[] { "/Matching/Registers", "/Matching/Hits", "/Matching/Links" };
        foreach (var path in analystPages)
        {
            await analyst.GotoAsync(path);
            violations.AddRange(await AxeAsync(analyst));
        }
        violations.AddRange(await LayoutProblemsAsync(language, analystPages, ("analyst@example.org", PetitionsFactory.StaffPassword, true)));

        var auditor = await Fixture.NewPageAsync(language);
        await SignInAsync(auditor, "auditor@example.org");
        foreach (var path in new[] { "/Oversight", "/Oversight?region=430400&from=2020-13", "/Oversight/Campaigns" })
        {
            await auditor.GotoAsync(path);
            violations.AddRange(await AxeAsync(auditor));
        }

        File.WriteAllLines(Path.Combine(Path.GetTempPath(), $"axe-{language}.txt"), violations);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>
    /// Each page at 390 × 844 and 1280 × 800: nothing wider than the window, no console error, and at 1280 the
    /// navigation on one line (the brand and the last header control share a row).
    /// </summary>
    private async Task<List<string>> LayoutProblemsAsync(string language, IEnumerable<string> paths, (string Email, string Password, bool TwoFactor)? account = null)
    {
        var problems = new List<string>();
        foreach (var (width, height) in new[] { (390, 844), (1280, 800) })
        {
            var page = await Fixture.NewPageAsync(language);
            await page.SetViewportSizeAsync(width, height);
            if (account is { } who)
            {
                await SignInAsync(page, who.Email, who.Password, who.TwoFactor);
            }
            var errors = new List<string>();
            page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
            page.PageError += (_, error) => errors.Add(error);
            foreach (var path in paths)
            {
                errors.Clear();
                var response = await page.GotoAsync(path);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"))
                {
                    problems.Add($"{language} {path} at {width} px: scrolls horizontally");
                }
                if (width == 1280 && await page.EvaluateAsync<bool>("""
                    () => {
                        const items = [...document.querySelectorAll('.navbar-brand, header .nav-link, header .btn')].filter(e => e.offsetParent !== null);
                        // No item's text breaks onto a second line...
                        const broken = items.some(e => {
                            const range = document.createRange();
                            range.selectNodeContents(e);
                            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
                        });
                        // ...and every link and control sits on the same row.
                        const tops = items.filter(e => !e.classList.contains('navbar-brand')).map(e => e.getBoundingClientRect().top);
                        return broken || Math.max(...tops) - Math.min(...tops) > 12;
                    }
                    """))
                {
                    problems.Add($"{language} {path} at 1280 px: the navigation wraps");
                }
                // A 404 page logs its own status as a console error in Chromium; that one is expected.
                problems.AddRange(errors.Where(e => response?.Status != 404 || !e.Contains("404", StringComparison.Ordinal)).Select(e => $"{language} {path}: console: {e}"));
            }
        }
        return problems;
    }

    /// <summary>Tabs until the element matching <paramref name="selector"/> has the focus (no mouse, no script focus).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        throw new InvalidOperationException($"{selector} cannot be reached with the Tab key");
    }

    private static async Task ChooseWithArrowsAsync(IPage page, string selector, string value)
    {
        await TabToAsync(page, selector);
        for (var i = 0; i < 60 && await page.Locator(selector).InputValueAsync() != value; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }
        Assert.Equal(value, await page.Locator(selector).InputValueAsync());
    }

    [Fact]
    public async Task AReport_CanBeFiledWithTheKeyboardAlone()
    {
        var page = await Fixture.NewPageAsync("en");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync("/");
        await TabToAsync(page, "a[href='/Report']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/Report$"));

        await TabToAsync(page, "#anon-yes");
        await page.Keyboard.PressAsync("Space");
        await ChooseWithArrowsAsync(page, "#Input_KindCode", "deceased-pension");
        await ChooseWithArrowsAsync(page, "#Input_ProvinceCode", "430000");
        await Expect(page.Locator("#Input_CityCode option[value='430400']")).ToHaveCountAsync(1);
        await ChooseWithArrowsAsync(page, "#Input_CityCode", "430400");
        await Expect(page.Locator("#Input_CountyCode option[value='430422']")).ToHaveCountAsync(1);
        await ChooseWithArrowsAsync(page, "#Input_CountyCode", "430422");
        await TabToAsync(page, "#Input_Description");
        await page.Keyboard.TypeAsync("Keyboard only: the township office keeps the cards of three deceased pensioners.");
        await TabToAsync(page, "altcha-widget input[type=checkbox]");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("input[name=altcha]")).ToHaveValueAsync(new Regex(".{20,}"), new() { Timeout = 30_000 });
        await TabToAsync(page, "#submit-report");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#receipt-title")).ToHaveTextAsync("Your report has been received");
        Assert.Empty(await AxeAsync(page));
    }
}

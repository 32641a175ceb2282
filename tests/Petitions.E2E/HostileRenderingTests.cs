using Microsoft.Playwright;
using Petitions.Data;
using Petitions.Testing;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// Hostile text stored through the real form (script tags, event handlers, javascript: and data: links in
/// Markdown, raw HTML) shown in a real browser to the reporter on /Track and to an officer on the report page:
/// no dialog opens, nothing is logged as an error (a CSP refusal would be), and the DOM holds no active content.
/// </summary>
public sealed class HostileRenderingTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Payload = """
        <script>alert('s1')</script> <img src=x onerror="alert('s2')"> <svg onload="alert('s3')"></svg>
        [click me](javascript:alert('s4')) [data](data:text/html,<script>alert('s5')</script>) ![i](x" onerror="alert('s6'))
        <a href="javascript:alert('s7')">raw link</a> <iframe src="javascript:alert('s8')"></iframe>
        "><script>alert('s9')</script> <details open ontoggle="alert('s10')">x</details> **still bold**
        """;

    private static async Task AssertQuietAsync(IPage page, List<string> problems)
    {
        var active = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('main *')].filter(e =>
                [...e.attributes].some(a => a.name.startsWith('on') || /^\s*(javascript|vbscript|data):/i.test(a.value) && ['href', 'src', 'action', 'formaction'].includes(a.name))
                || ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(e.tagName)).length
            """);
        Assert.Equal(0, active);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task HostileText_IsShownAsText_ToTheReporterAndTheOfficer()
    {
        var site = Fixture.Site;
        await site.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var fields = Filing.ValidFields(Payload);
        fields["Input.People[0].Name"] = "<b onmouseover=alert('n')>张某</b>";
        fields["Input.People[0].Unit"] = "\"><script>alert('u')</script>";
        var (id, number, key) = await Filing.FileAndTriageAsync(site, new FormClient(new HttpClient { BaseAddress = site.RootUri }), fields);

        var problems = new List<string>();
        void Watch(IPage page)
        {
            page.Dialog += async (_, dialog) =>
            {
                problems.Add("dialog: " + dialog.Message);
                await dialog.DismissAsync();
            };
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    problems.Add("console: " + message.Text);
                }
            };
            page.PageError += (_, error) => problems.Add("page error: " + error);
        }

        var reporter = await Fixture.NewPageAsync("en");
        Watch(reporter);
        await reporter.GotoAsync("/Track");
        await reporter.Locator("#Input_TrackingNumber").FillAsync(number);
        await reporter.Locator("#Input_AccessKey").FillAsync(key);
        await reporter.Locator("main form button[type=submit]").ClickAsync();
        // The reporter's page shows the timeline (not the report text): the reporter adds the same text as a reply.
        await reporter.Locator("#Message_Text").First.FillAsync(Payload);
        await reporter.Locator("button[formaction*='handler=Reply']").ClickAsync();
        await Expect(reporter.Locator("#timeline li.message-reply")).ToContainTextAsync("still bold");
        await Expect(reporter.Locator("#timeline li.message-reply")).ToContainTextAsync("<script>alert('s1')</script>");
        await AssertQuietAsync(reporter, problems);

        var officer = await Fixture.NewPageAsync("en");
        Watch(officer);
        await SignInAsync(officer, "officer@example.org");
        await officer.GotoAsync($"/Staff/Report/{id}");
        await Expect(officer.Locator("main")).ToContainTextAsync("still bold");
        await Expect(officer.Locator("#timeline li.message-reply")).ToContainTextAsync("<script>alert('s1')</script>");
        await Expect(officer.Locator("main")).ToContainTextAsync("<b onmouseover=alert('n')>张某</b>");
        // Hovering and clicking what looks like links does nothing either.
        foreach (var link in await officer.Locator("main a").AllAsync())
        {
            var href = await link.GetAttributeAsync("href") ?? "";
            Assert.DoesNotContain("javascript", href, StringComparison.OrdinalIgnoreCase);
        }
        await AssertQuietAsync(officer, problems);
    }
}

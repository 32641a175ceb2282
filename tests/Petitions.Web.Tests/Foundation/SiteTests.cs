using System.Net;
using System.Text.Json;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Foundation;

public sealed class SiteTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Home_InChineseAndEnglish_ShowsDifferentText()
    {
        var client = NewClient();
        var zh = await client.GetPageAsync("/", "zh-CN");
        var en = await client.GetPageAsync("/", "en");
        Assert.Equal("zh-CN", zh.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", en.DocumentElement.GetAttribute("lang"));
        Assert.Contains("举报", zh.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Report", en.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(zh.QuerySelector("h1")!.TextContent, en.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Home_WithoutAcceptLanguage_IsChinese()
    {
        var page = await NewClient().GetPageAsync("/");
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task LanguageSwitch_SetsCookieThatWinsOverTheBrowser()
    {
        var client = NewClient();
        var home = await client.GetPageAsync("/", "zh-CN");
        // The layout's form asks for the switch by GET (no token: it only chooses a language).
        Assert.Equal("get", home.QuerySelector("form.lang-switch")!.GetAttribute("method"));
        var switched = await client.Http.GetAsync("/Culture?culture=en&returnUrl=" + Uri.EscapeDataString("/Track"));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Track", switched.Headers.Location!.OriginalString);
        var next = await client.GetPageAsync("/", "zh-CN");
        Assert.Equal("en", next.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task LanguageSwitch_RefusesARedirectOffSite()
    {
        var client = NewClient();
        var switched = await client.Http.GetAsync("/Culture?culture=en&returnUrl=" + Uri.EscapeDataString("https://evil.example/"));
        Assert.Equal("/", switched.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Health_ReportsDatabaseAndJobsHealthy()
    {
        var response = await NewClient().Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("hangfire").GetString());
    }

    [Fact]
    public async Task UnknownAddress_ShowsFriendlyNotFoundPage()
    {
        var response = await NewClient().Http.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Equal("页面不存在", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task PostWithoutAntiforgeryToken_IsRefusedWithoutAStackTrace()
    {
        var response = await NewClient().Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "a@b.c",
            ["Input.Password"] = "whatever-password",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        var response = await NewClient().Http.GetAsync("/");
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_GivesOneGenericMessage()
    {
        await Factory.CreateUserAsync("someone@example.org", "Correct-Horse-1", Roles.Citizen);
        var client = NewClient();
        var wrongPassword = await FormClient.ParseAsync(await client.SignInAsync("someone@example.org", "wrong-password-1"));
        var unknownUser = await FormClient.ParseAsync(await client.SignInAsync("nobody@example.org", "wrong-password-1"));
        var message = wrongPassword.QuerySelector(".validation-summary-errors")!.TextContent.Trim();
        Assert.Equal(message, unknownUser.QuerySelector(".validation-summary-errors")!.TextContent.Trim());
        // Nothing typed is lost: the address stays in the field.
        Assert.Equal("someone@example.org", ((AngleSharp.Html.Dom.IHtmlInputElement)wrongPassword.QuerySelector("#Input_Email")!).Value);
    }

    [Theory]
    [InlineData("/help", "en", "Help: reporting safely, and what happens next")]
    [InlineData("/help", "zh-CN", "帮助：如何安全地举报，之后会发生什么")]
    [InlineData("/privacy", "en", "Privacy notice")]
    [InlineData("/privacy", "zh-CN", "隐私政策")]
    [InlineData("/accessibility", "en", "Accessibility statement")]
    [InlineData("/contact", "zh-CN", "联系我们")]
    public async Task InformationPages_AreThereInBothLanguages(string path, string language, string heading)
    {
        var page = await NewClient().GetPageAsync(path, language);
        Assert.Equal(heading, page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("footer a"), a => a.GetAttribute("href") == path);
    }
}

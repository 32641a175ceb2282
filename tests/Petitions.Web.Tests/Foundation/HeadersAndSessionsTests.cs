using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Foundation;

/// <summary>
/// Every route, signed out and signed in as an admin, over HTTPS as in production: the security headers are on
/// every response (pages, redirects, 404s, static files), and every cookie is Secure, HttpOnly and SameSite.
/// </summary>
public sealed class HeadersAndSessionsTests(PetitionsFactory factory) : WebTest(factory)
{
    private static readonly Uri Https = new("https://petitions.example/");

    private FormClient HttpsClient() =>
        new(Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = Https,
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));

    /// <summary>Every page route of the site (ids filled with a fresh one), plus static files and the other endpoints.</summary>
    private List<string> Routes()
    {
        var pages = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not null || e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText ?? "", @"\{[^}]*\}", Guid.NewGuid().ToString()))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(pages.Count > 30, $"only {pages.Count} page routes found");
        return [.. pages, "/css/site.css", "/lib/bootstrap/bootstrap.min.css", "/js/stats-charts.js", "/favicon.svg", "/health", "/hangfire", "/no/such/page"];
    }

    private static void AssertHeaders(HttpResponseMessage response, string route)
    {
        var headers = response.Headers;
        var csp = string.Join(' ', headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scriptSrc, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", scriptSrc, StringComparison.Ordinal);
        // Inline styles only on the Hangfire dashboard (its own pages need them), nowhere else.
        var styleSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("style-src", StringComparison.Ordinal));
        var answered = response.RequestMessage?.RequestUri?.AbsolutePath ?? route;
        Assert.True(answered.StartsWith("/hangfire", StringComparison.Ordinal) == styleSrc.Contains("unsafe-inline", StringComparison.Ordinal), $"{route} ({answered}): {styleSrc}");
        foreach (var directive in new[] { "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'" })
        {
            Assert.True(csp.Contains(directive, StringComparison.Ordinal), $"{route}: CSP lacks {directive}");
        }
        Assert.True(headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", $"{route}: nosniff");
        Assert.True(headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", $"{route}: referrer");
        Assert.True(headers.TryGetValues("Strict-Transport-Security", out var hsts) && hsts.Single().Contains("max-age=31536000", StringComparison.Ordinal), $"{route}: HSTS");
        // Nothing the site makes is kept in a browser's or a proxy's cache; static files may be.
        var isStatic = route.StartsWith("/css/", StringComparison.Ordinal) || route.StartsWith("/lib/", StringComparison.Ordinal)
            || route.StartsWith("/js/", StringComparison.Ordinal) || route.StartsWith("/favicon.svg", StringComparison.Ordinal);
        Assert.True(isStatic != (headers.CacheControl?.NoStore == true), $"{route}: Cache-Control {headers.CacheControl} ({(int)response.StatusCode})");
        if (headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                var flags = cookie.ToLowerInvariant();
                Assert.True(flags.Contains("; secure", StringComparison.Ordinal), $"{route}: {cookie} not Secure");
                Assert.True(flags.Contains("; httponly", StringComparison.Ordinal), $"{route}: {cookie} not HttpOnly");
                Assert.True(flags.Contains("; samesite=", StringComparison.Ordinal), $"{route}: {cookie} without SameSite");
            }
        }
        Assert.True((int)response.StatusCode < 500, $"{route}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task EveryRoute_SignedOutAndSignedIn_CarriesTheHeaders_AndOnlySafeCookies()
    {
        var routes = Routes();
        var visitor = HttpsClient();
        foreach (var route in routes)
        {
            using var response = await visitor.Http.GetAsync(route);
            AssertHeaders(response, route);
        }

        await Factory.CreateStaffAsync("admin@example.org", Roles.Admin, "管理员", "平台", "430000");
        var admin = HttpsClient();
        var first = await admin.SignInAsync("admin@example.org", PetitionsFactory.StaffPassword);
        AssertHeaders(first, "POST /Account/Login");
        var second = await admin.GetPageAsync(first.Headers.Location!.OriginalString);
        var signedIn = await admin.SubmitAsync(second, new Dictionary<string, string?> { ["Input.Code"] = await Factory.UnusedTotpCodeAsync("admin@example.org") });
        AssertHeaders(signedIn, "POST /Account/LoginWith2fa");
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("petitions.auth=", StringComparison.Ordinal));
        foreach (var route in routes)
        {
            using var response = await admin.Http.GetAsync(route);
            AssertHeaders(response, route + " (admin)");
        }

        // The language cookie, set by the language form (a GET), follows the same rules.
        var language = await visitor.Http.GetAsync("/Culture?culture=en&returnUrl=/");
        AssertHeaders(language, "GET /Culture");
        Assert.Contains(language.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));

        // Signing out tells the browser to forget the site's cookies, storage and cache.
        var signedOut = await admin.SubmitAsync(await admin.GetPageAsync("/"), new Dictionary<string, string?>(), formAction: "/Account/Logout");
        Assert.Equal("\"cookies\", \"storage\", \"cache\"", signedOut.Headers.GetValues("Clear-Site-Data").Single());
    }

    [Fact]
    public async Task ASession_EndsAfter30IdleMinutes_AndAfter8HoursHoweverActive()
    {
        await Factory.CreateStaffAsync("officer@example.org", Roles.Officer, "李", "衡阳市", "430400");
        var idle = NewClient();
        await Factory.SignInStaffAsync(idle, "officer@example.org", PetitionsFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await idle.Http.GetAsync("/Staff")).StatusCode);
        Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Contains("/Account/Login", (await idle.Http.GetAsync("/Staff")).Headers.Location!.OriginalString, StringComparison.Ordinal);

        var busy = NewClient();
        await Factory.SignInStaffAsync(busy, "officer@example.org", PetitionsFactory.StaffPassword);
        for (var minutes = 0; minutes < 7 * 60 + 50; minutes += 20)
        {
            Factory.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await busy.Http.GetAsync("/Staff")).StatusCode);
        }
        Factory.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Contains("/Account/Login", (await busy.Http.GetAsync("/Staff")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACookieCopiedBeforeSigningOut_OpensNothingAfterwards()
    {
        await Factory.CreateStaffAsync("officer@example.org", Roles.Officer, "李", "衡阳市", "430400");
        var jar = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler();
        var officer = new FormClient(Factory.CreateDefaultClient(jar));
        await Factory.SignInStaffAsync(officer, "officer@example.org", PetitionsFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await officer.Http.GetAsync("/Staff")).StatusCode);
        var copied = jar.Container.GetCookieHeader(officer.Http.BaseAddress!);

        using var thief = Factory.CreateDefaultClient();
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/Staff")).StatusCode);
        await officer.SubmitAsync(await officer.GetPageAsync("/"), new Dictionary<string, string?>(), formAction: "/Account/Logout");
        var replayed = await thief.GetAsync("/Staff");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Contains("/Account/Login", replayed.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATrackingCookieCopiedBeforeEndingTheSession_OpensNothingAfterwards()
    {
        var (_, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var jar = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler();
        var reporter = new FormClient(Factory.CreateDefaultClient(jar));
        await reporter.SubmitAsync(await reporter.GetPageAsync("/Track", "en"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key });
        var page = await reporter.GetPageAsync("/Track/Report", "en");
        Assert.NotNull(page.QuerySelector("#end-session"));
        var copied = jar.Container.GetCookieHeader(new Uri(reporter.Http.BaseAddress!, "/Track/Report"));

        using var thief = Factory.CreateDefaultClient();
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/Track/Report")).StatusCode);
        await reporter.SubmitAsync(page, new Dictionary<string, string?>(), formAction: HandlerButtonOf(page, "End"));
        var replayed = await thief.GetAsync("/Track/Report");
        Assert.NotEqual(HttpStatusCode.OK, replayed.StatusCode);
    }

    private static string HandlerButtonOf(AngleSharp.Html.Dom.IHtmlDocument page, string handler) =>
        page.QuerySelector($"button[formaction*='handler={handler}']")!.GetAttribute("formaction")!;

    [Fact]
    public async Task DataProtectionKeys_AreStoredEncrypted()
    {
        // Any page with a form creates the key ring.
        await NewClient().GetPageAsync("/Report");
        var keys = await Factory.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            // Encrypted with the certificate: an EncryptedData element, never the key's plain <value>.
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml!, StringComparison.Ordinal);
        });
    }
}

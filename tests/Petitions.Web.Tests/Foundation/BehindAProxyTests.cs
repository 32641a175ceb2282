using System.Net;
using Petitions.Testing;

namespace Petitions.Web.Tests.Foundation;

/// <summary>
/// The site in Production mode, two instances behind nginx terminating TLS (as the operations guide sets it up):
/// cookies are Secure and HSTS is sent, each real client has its own rate-limit budget, and forwarded headers from
/// anyone but the configured proxy are ignored.
/// </summary>
public sealed class BehindAProxyTests(PetitionsFactory factory) : WebTest(factory)
{
    private static readonly Dictionary<string, string> Production = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["RateLimits:TrackingKey"] = "2",
        ["RateLimits:FreeKeyFailures"] = "1000",
    };

    private static Dictionary<string, string?> Guess(int i) => new()
    {
        ["Input.TrackingNumber"] = $"ZZZZZ-ZZZZ{(char)('A' + i)}", ["Input.AccessKey"] = "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE",
    };

    [Fact]
    public async Task BehindNginx_CookiesAreSecure_HstsIsSent_LimitsArePerRealClient_AndSpoofedHeadersAreIgnored()
    {
        await using var a = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), Production);
        await using var b = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), Production);
        await using var proxy = await ReverseProxy.StartAsync([a.Root, b.Root]);

        // Over TLS through the proxy: HSTS, and the antiforgery cookie is Secure.
        var first = new FormClient(proxy.ClientFrom("127.0.0.2"));
        using (var page = await first.Http.GetAsync("/Track"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
            Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c.ToLowerInvariant(), StringComparison.Ordinal));
        }

        // One client uses up its key-check budget (two per instance); another client, behind the same proxy, has its own.
        var track = await first.GetPageAsync("/Track", "en");
        var refused = false;
        for (var i = 0; i < 6 && !refused; i++)
        {
            refused = (await first.SubmitAsync(track, Guess(i))).StatusCode == HttpStatusCode.TooManyRequests;
        }
        Assert.True(refused, "the first client was never limited");
        var second = new FormClient(proxy.ClientFrom("127.0.0.3"));
        var other = await second.SubmitAsync(await second.GetPageAsync("/Track", "en"), Guess(0));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        // Straight to an instance from an address that is not the proxy: its forwarded headers are ignored, so a plain
        // HTTP request claiming to be HTTPS is sent to the HTTPS address instead, without HSTS.
        using var direct = proxy.ClientFrom("127.0.0.4", a.Root);
        direct.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        direct.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.3");
        using var spoofed = await direct.GetAsync("/Track");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, spoofed.StatusCode);
        Assert.Equal("https://petitions.example/Track", spoofed.Headers.Location!.OriginalString);
        Assert.False(spoofed.Headers.Contains("Strict-Transport-Security"));
    }
}

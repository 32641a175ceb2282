using System.Net;
using Petitions.Testing;

namespace Petitions.Web.Tests.Citizens;

/// <summary>The real limits, on a site of their own: key checks are limited and answered with a localized 429 page.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly LimitedFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task RepeatedKeyChecks_AreRefusedWithALocalizedPage()
    {
        var client = new FormClient(_factory.CreateClient(new() { AllowAutoRedirect = false }));
        var page = await client.GetPageAsync("/Track", "en");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.SubmitAsync(page, new Dictionary<string, string?>
            {
                ["Input.TrackingNumber"] = "ZZZZZ-ZZZZZ", ["Input.AccessKey"] = "AAAAA-BBBBB-CCCCC-DDDDD",
            });
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        var body = await FormClient.ParseAsync(last);
        Assert.Equal("Too many attempts", body.QuerySelector("h1")!.TextContent);
    }

    private sealed class LimitedFactory() : PetitionsFactory("limits", kestrel: false)
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
            [new("RateLimits:TrackPer10Minutes", "3"), new("RateLimits:SubmitPer10Minutes", "3")];
    }
}

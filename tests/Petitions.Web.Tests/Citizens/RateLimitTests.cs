using System.Net;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Citizens;

/// <summary>
/// The real limits, on a site of their own. Each purpose has its own budget: guessing tracking keys never uses up an
/// officer's sign-in; a refusal shows the same form with what was typed; guessing a number slows the guesser only.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly LimitedFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    private FormClient NewClient() => new(_factory.CreateClient(new() { AllowAutoRedirect = false }));

    private static Dictionary<string, string?> Guess(string number) => new() { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE" };

    [Fact]
    public async Task WrongKeys_SlowTheGuesserWithGrowingWaits_AndUseNoOtherBudget()
    {
        var guesser = NewClient();
        var page = await guesser.GetPageAsync("/Track", "en");
        // The free failures answer "not found"; the next try must wait.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await guesser.SubmitAsync(page, Guess("ZZZZZ-ZZZZZ"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await guesser.SubmitAsync(page, Guess("ZZZZZ-ZZZZZ"))).StatusCode);
        var waiting = await guesser.SubmitAsync(page, Guess("ZZZZZ-ZZZZZ"));
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        var shown = await FormClient.ParseAsync(waiting);
        Assert.StartsWith("Please wait", shown.QuerySelector(".validation-summary-errors")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("ZZZZZ-ZZZZZ", shown.QuerySelector("#Input_TrackingNumber")!.GetAttribute("value"));

        // The same client's sign-in budget is untouched: an officer behind the same address signs in.
        await _factory.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var signedIn = await _factory.SignInStaffAsync(guesser, "officer@example.org", PetitionsFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task AnOutsider_CannotLockAKnownOfficerOut()
    {
        await _factory.CreateStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        var outsider = NewClient();
        for (var i = 0; i < 8; i++)
        {
            await outsider.SignInAsync("chief@example.org", "wrong-password-" + i);
        }
        // The outsider is refused even with the right password now; the officer, elsewhere, is not.
        var stillRefused = await FormClient.ParseAsync(await outsider.SignInAsync("chief@example.org", PetitionsFactory.StaffPassword));
        Assert.NotNull(stillRefused.QuerySelector(".validation-summary-errors"));
        var officer = new FormClient(_factory.CreateClient(new() { AllowAutoRedirect = false }), "203.0.113.9");
        Assert.Equal(HttpStatusCode.Redirect, (await _factory.SignInStaffAsync(officer, "chief@example.org", PetitionsFactory.StaffPassword)).StatusCode);
    }

    [Fact]
    public async Task OneWrongPasswordFromEachOfManyAddresses_DoesNotLockTheOfficerOut()
    {
        await _factory.CreateStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        for (var i = 0; i < 8; i++)
        {
            var outsider = new FormClient(_factory.CreateClient(new() { AllowAutoRedirect = false }), $"198.51.100.{i + 1}");
            await outsider.SignInAsync("chief@example.org", "wrong-password-" + i);
        }
        var officer = new FormClient(_factory.CreateClient(new() { AllowAutoRedirect = false }), "203.0.113.10");
        Assert.Equal(HttpStatusCode.Redirect, (await _factory.SignInStaffAsync(officer, "chief@example.org", PetitionsFactory.StaffPassword)).StatusCode);
    }

    [Fact]
    public async Task AnIPv6Client_IsOneClientAcrossItsWhole64Network()
    {
        await _factory.CreateStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        // Five wrong passwords, each from a different address of one /64: that network is refused, even with the right one.
        for (var i = 0; i < 5; i++)
        {
            var hopping = new FormClient(_factory.CreateClient(new() { AllowAutoRedirect = false }), $"2001:db8:1:2::{i + 1:x}");
            await hopping.SignInAsync("chief@example.org", "wrong-password-" + i);
        }
        var sameNetwork = new FormClient(_factory.CreateClient(new() { AllowAutoRedirect = false }), "2001:db8:1:2:ffff::9");
        var refused = await FormClient.ParseAsync(await sameNetwork.SignInAsync("chief@example.org", PetitionsFactory.StaffPassword));
        Assert.NotNull(refused.QuerySelector(".validation-summary-errors"));
        var otherNetwork = new FormClient(_factory.CreateClient(new() { AllowAutoRedirect = false }), "2001:db8:1:3::1");
        Assert.Equal(HttpStatusCode.Redirect, (await _factory.SignInStaffAsync(otherNetwork, "chief@example.org", PetitionsFactory.StaffPassword)).StatusCode);
    }

    [Theory]
    [InlineData("/Account/ForgotPassword")]
    [InlineData("/Account/ResendConfirmation")]
    public async Task AnAccountMailFormOverTheLimit_SaysWhy_AndKeepsTheAddress(string path)
    {
        var client = NewClient();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 11; i++)
        {
            last = await client.SubmitAsync(await client.GetPageAsync(path, "en"), new Dictionary<string, string?> { ["Input.Email"] = "someone@example.org" });
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        var page = await FormClient.ParseAsync(last);
        Assert.StartsWith("Too many attempts from your connection", page.QuerySelector(".validation-summary-errors")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("someone@example.org", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
    }

    [Fact]
    public async Task FilingOverTheLimit_ShowsTheFormAgain_WithEverythingTyped()
    {
        var client = NewClient();
        var fields = Filing.ValidFields();
        fields["Input.Description"] = "第四次提交：这段文字不能丢失。镇劳动保障站仍在领取三名已故老人的养老金。";
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await Filing.PostAsync(client, new Dictionary<string, string?>(fields), language: "en");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        var page = await FormClient.ParseAsync(last);
        Assert.StartsWith("Too many attempts from your connection", page.QuerySelector("#error-summary li")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(fields["Input.Description"], page.QuerySelector("#Input_Description")!.TextContent.Trim());
    }

    private sealed class LimitedFactory() : PetitionsFactory("limits", kestrel: false)
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
            [new("RateLimits:Filing", "3"), new("RateLimits:TrackingKey", "50"), new("RateLimits:FreeKeyFailures", "3"), new("RateLimits:SignIn", "100"),
             new("RateLimits:SignInFailuresPerAccount", "5"), new("RateLimits:Accounts", "10")];
    }
}

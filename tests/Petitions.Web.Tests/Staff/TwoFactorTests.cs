using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Staff;

public sealed class TwoFactorTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task AStaffMemberWithoutAnAuthenticator_IsSentToSetOneUp_ThenReachesTheAdminPages()
    {
        // An admin account as an Admin would create it: no authenticator yet.
        var admin = await Factory.CreateUserAsync("new-admin@example.org", "Admin-Pass-2026", Roles.Admin);
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(admin.Id.ToString()))!;
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        }
        var client = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("new-admin@example.org", "Admin-Pass-2026")).StatusCode);

        var gated = await client.Http.GetAsync("/Admin/Routing");
        Assert.Equal(HttpStatusCode.Redirect, gated.StatusCode);
        var setup = gated.Headers.Location!.OriginalString;
        Assert.Contains("/Account/TwoFactor", setup, StringComparison.Ordinal);

        var page = await client.GetPageAsync(setup, "en");
        Assert.Contains("must use two-step sign-in", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("otpauth://totp/", page.QuerySelector("#authenticator-uri")!.TextContent, StringComparison.Ordinal);
        // The QR code is an inline PNG: no script, nothing from a third party.
        var qr = page.QuerySelector("#qr-code")!.GetAttribute("src")!;
        Assert.StartsWith("data:image/png;base64,", qr, StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(qr["data:image/png;base64,".Length..])[..4]);
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("#qr-code")!.GetAttribute("alt")));

        var wrong = await FormClient.ParseAsync(await client.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Code"] = "000000" }));
        Assert.StartsWith("This code is not valid", Filing.ErrorFor(wrong, "Input.Code"), StringComparison.Ordinal);

        var done = await FormClient.ParseAsync(await client.SubmitAsync(wrong, new Dictionary<string, string?> { ["Input.Code"] = await Factory.UnusedTotpCodeAsync("new-admin@example.org") }));
        Assert.Equal(10, done.QuerySelectorAll("#recovery-codes li").Length);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Admin/Routing")).StatusCode);

        // Next time the password alone is not enough.
        var again = NewClient();
        var first = await again.SignInAsync("new-admin@example.org", "Admin-Pass-2026");
        Assert.Contains("LoginWith2fa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.Http.GetAsync("/Admin/Routing")).StatusCode);
    }

    [Fact]
    public async Task AnAuthenticatorCode_WorksOnce_ASecondUseFromElsewhereIsRefused()
    {
        await Factory.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var code = await Factory.UnusedTotpCodeAsync("officer@example.org");
        var (a, b) = (NewClient(), NewClient());
        var stepA = await a.GetPageAsync((await a.SignInAsync("officer@example.org", PetitionsFactory.StaffPassword)).Headers.Location!.OriginalString, "en");
        var stepB = await b.GetPageAsync((await b.SignInAsync("officer@example.org", PetitionsFactory.StaffPassword)).Headers.Location!.OriginalString, "en");
        var accepted = await a.SubmitAsync(stepA, new Dictionary<string, string?> { ["Input.Code"] = code });
        var replayed = await FormClient.ParseAsync(await b.SubmitAsync(stepB, new Dictionary<string, string?> { ["Input.Code"] = code }));

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.StartsWith("This code is not valid", Filing.ErrorFor(replayed, "Input.Code"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await a.Http.GetAsync("/Staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await b.Http.GetAsync("/Staff")).StatusCode);
    }

    [Fact]
    public async Task AnOlderCode_IsRefusedOnceANewerOneWasUsed_AndParallelUsesOfOneCodeLetOneIn_WithoutAnError()
    {
        await Factory.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        string key;
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            key = (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync("officer@example.org"))!))!;
        }
        var totp = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key));
        var now = DateTime.UtcNow;
        var (older, newer) = (totp.ComputeTotp(now.AddSeconds(-30)), totp.ComputeTotp(now));

        async Task<(FormClient Client, AngleSharp.Html.Dom.IHtmlDocument Step)> AtSecondStepAsync()
        {
            var client = NewClient();
            return (client, await client.GetPageAsync((await client.SignInAsync("officer@example.org", PetitionsFactory.StaffPassword)).Headers.Location!.OriginalString, "en"));
        }
        var first = await AtSecondStepAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await first.Client.SubmitAsync(first.Step, new Dictionary<string, string?> { ["Input.Code"] = newer })).StatusCode);
        var second = await AtSecondStepAsync();
        var refused = await FormClient.ParseAsync(await second.Client.SubmitAsync(second.Step, new Dictionary<string, string?> { ["Input.Code"] = older }));
        Assert.StartsWith("This code is not valid", Filing.ErrorFor(refused, "Input.Code"), StringComparison.Ordinal);

        // Five simultaneous posts of the next code: one gets in, the others are told the code is not valid.
        var next = totp.ComputeTotp(now.AddSeconds(30));
        var racers = new List<(FormClient Client, AngleSharp.Html.Dom.IHtmlDocument Step)>();
        for (var i = 0; i < 5; i++)
        {
            racers.Add(await AtSecondStepAsync());
        }
        var answers = await Task.WhenAll(racers.Select(r => r.Client.SubmitAsync(r.Step, new Dictionary<string, string?> { ["Input.Code"] = next })));
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Redirect) == 1, string.Join(", ", answers.Select(a => (int)a.StatusCode)));
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) == 4, string.Join(", ", answers.Select(a => (int)a.StatusCode)));
        Assert.True(await Factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == Core.Audit.AuditAction.SignInFailed)) >= 4);
    }

    [Fact]
    public async Task TheSecondStep_RefusesAWrongCode_ByItsField_AndAcceptsARecoveryCodeOnce()
    {
        await Factory.CreateUserAsync("officer@example.org", "Officer-Pass-1", Roles.Officer);
        string recovery;
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync("officer@example.org"))!, 1))!.Single();
        }
        var client = NewClient(followRedirects: true);
        var step = await FormClient.ParseAsync(await client.SignInAsync("officer@example.org", "Officer-Pass-1"));
        var wrong = await FormClient.ParseAsync(await client.SubmitAsync(step, new Dictionary<string, string?> { ["Input.Code"] = "123456" }));
        Assert.NotNull(Filing.ErrorFor(wrong, "Input.Code"));
        var ok = await client.SubmitAsync(wrong, new Dictionary<string, string?> { ["Input.Code"] = recovery });
        Assert.Equal("/", ok.RequestMessage!.RequestUri!.AbsolutePath);

        var other = NewClient(followRedirects: true);
        var step2 = await FormClient.ParseAsync(await other.SignInAsync("officer@example.org", "Officer-Pass-1"));
        var reused = await FormClient.ParseAsync(await other.SubmitAsync(step2, new Dictionary<string, string?> { ["Input.Code"] = recovery }));
        Assert.NotNull(Filing.ErrorFor(reused, "Input.Code"));
    }
}

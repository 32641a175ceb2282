using System.Net;
using Npgsql;
using static Microsoft.Playwright.Assertions;
using Petitions.Testing;

namespace Petitions.E2E;

/// <summary>
/// An anonymous report leaves no trace of its reporter: after filing and tracking from 127.0.0.1 with a
/// distinctive User-Agent, neither string is anywhere in a dump of the database or in the site's logs.
/// </summary>
public sealed class AnonymityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string UserAgent = "Zqx-Anonymity-Probe/7.3 (reporter-fingerprint-4711)";

    [Fact]
    public async Task AnonymousFilingAndTracking_StoreAndLogNoAddressAndNoUserAgent()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { BaseAddress = Fixture.Site.RootUri };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        var client = new FormClient(http);

        var form = await client.GetPageAsync("/Report");
        var fields = new Dictionary<string, string?>
        {
            ["Input.Anonymous"] = "true", ["Input.KindCode"] = "card-not-owner", ["Input.ProvinceCode"] = "430000",
            ["Input.Description"] = "村里有人代领多张社保卡，卡主人并不知情。", ["altcha"] = await Altcha.SolveAsync(http),
        };
        var receipt = await FormClient.ParseAsync(await client.SubmitAsync(form, fields, extraContent: new MultipartFormDataContent()));
        var number = receipt.QuerySelector("#tracking-number")!.TextContent.Trim();
        var key = receipt.QuerySelector("#access-key")!.TextContent.Trim();
        var track = await client.GetPageAsync("/Track");
        var opened = await FormClient.ParseAsync(await client.SubmitAsync(track, new Dictionary<string, string?>
        {
            ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key,
        }));
        Assert.NotNull(opened.QuerySelector("#timeline"));
        try
        {
            await Wait.UntilAsync(async () => await TriagedAsync(), TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Assert.Fail("not triaged; warnings and errors logged:\n" + string.Join('\n', Fixture.Site.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal))));
        }

        var dump = await DumpAsync();
        Assert.Contains("村里有人代领多张社保卡", dump, StringComparison.Ordinal); // the dump is real
        Assert.DoesNotContain("127.0.0.1", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("Zqx-Anonymity-Probe", dump, StringComparison.Ordinal);
        Assert.DoesNotContain(key, dump, StringComparison.Ordinal);
        // The database server also listens on 127.0.0.1; EF names it at Debug level. That address is
        // the server's, not the reporter's, so exactly that mention is taken out before looking.
        var db = new NpgsqlConnectionStringBuilder(Fixture.Site.Database.ConnectionString);
        // Likewise the site's own address (listening address, Host header).
        var logs = Fixture.Site.Logs.All
            .Replace($"tcp://{db.Host}:{db.Port}", "tcp://database-server", StringComparison.Ordinal)
            .Replace($"Host: {db.Host},", "Host: database-server,", StringComparison.Ordinal)
            .Replace(Fixture.Site.RootUri.Authority, "site-address", StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Zqx-Anonymity-Probe", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(key, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARealNameReportersIdentity_IsNowhereInADatabaseDump()
    {
        var account = await Fixture.Site.CreateUserAsync("li.hua@example.org", "Citizen-Pass-2026", Data.Roles.Citizen);
        var page = await Fixture.NewPageAsync("en");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await SignInAsync(page, "li.hua@example.org", "Citizen-Pass-2026", twoFactor: false);
        await page.GotoAsync("/Report");
        await page.Locator("#anon-no").CheckAsync();
        await page.GetByLabel("Your full name").FillAsync("李华英");
        await page.GetByLabel("ID card number (optional)").FillAsync("11010519491231002X");
        await page.GetByLabel("Phone (optional)").FillAsync("13912345678");
        await page.Locator("#Input_KindCode").SelectOptionAsync("staff-embezzlement");
        await page.Locator("#Input_ProvinceCode").SelectOptionAsync("430000");
        await page.Locator("#Input_Description").FillAsync("实名举报：农保中心工作人员重新激活已停发的社保卡并取款。");
        await page.Locator("#submit-report").ClickAsync();
        await Expect(page.Locator("#tracking-number")).ToBeVisibleAsync();
        await Wait.UntilAsync(async () => await TriagedAsync(), TimeSpan.FromSeconds(10));

        var dump = await DumpAsync();
        Assert.Contains("重新激活已停发的社保卡", dump, StringComparison.Ordinal); // the dump is real
        foreach (var secret in new[] { "李华英", "11010519491231002X", "13912345678" })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
        }
        // Nothing in the reports' rows points to the account either.
        var reportRows = string.Join('\n', dump.Split('\n').Where(l => l.StartsWith("INSERT INTO public.reports ", StringComparison.Ordinal)));
        Assert.NotEmpty(reportRows);
        Assert.DoesNotContain(account.Id.ToString(), reportRows, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<bool> TriagedAsync()
    {
        await using var connection = new NpgsqlConnection(Fixture.Site.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from reports where \"TriagedAt\" is not null", connection);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    private Task<string> DumpAsync() => Fixture.Site.Database.DumpAsync();
}

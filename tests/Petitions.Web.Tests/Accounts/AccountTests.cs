using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Petitions.Testing;

namespace Petitions.Web.Tests.Accounts;

public sealed class AccountTests(PetitionsFactory factory) : WebTest(factory)
{
    private const string Password = "citizen-pass-2026";

    private static async Task<IHtmlDocument> RegisterAsync(FormClient client, string email, string password = Password, string? confirm = null, string language = "zh-CN")
    {
        var page = await client.GetPageAsync("/Account/Register", language);
        return await FormClient.ParseAsync(await client.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        }));
    }

    [Fact]
    public async Task Register_ConfirmByMail_SignIn_FileRealNameReport_AndFindItUnderMyReports()
    {
        var client = NewClient(followRedirects: true);
        var afterRegister = await RegisterAsync(client, "wang@example.test");
        Assert.Contains("请查收邮件", afterRegister.Title, StringComparison.Ordinal);

        // Not confirmed yet: sign-in is refused with the generic message.
        var early = await FormClient.ParseAsync(await client.SignInAsync("wang@example.test", Password));
        Assert.NotNull(early.QuerySelector(".validation-summary-errors"));

        var mail = await MailBox.WaitForAsync(Factory.MailFolder, "wang@example.test");
        Assert.Contains("确认", mail.Subject, StringComparison.Ordinal);
        var confirmed = await client.GetPageAsync(MailBox.LinkIn(mail));
        Assert.Contains("已确认", confirmed.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        var signedIn = await client.SignInAsync("wang@example.test", Password);
        Assert.Equal("/", signedIn.RequestMessage!.RequestUri!.AbsolutePath);

        var fields = Filing.ValidFields("实名举报：某村协管员冒领已故村民养老金。");
        fields["Input.Anonymous"] = "false";
        var receipt = await FormClient.ParseAsync(await Filing.PostAsync(client, fields));
        var (number, _) = Filing.ReadReceipt(receipt);

        var mine = await client.GetPageAsync("/Track/Mine");
        var link = mine.QuerySelectorAll("table a").Single();
        Assert.Equal(number, link.TextContent.Trim());

        // Opened from "My reports" without the key.
        var opened = await client.GetPageAsync(link.GetAttribute("href")!);
        Assert.Equal("已提交", opened.QuerySelector("#report-status")!.TextContent);

        await using var scope = Factory.Service<IDbContextFactoryLike>().Open();
        var report = await scope.Db.Reports.SingleAsync();
        Assert.False(report.IsAnonymous);
        // The link to the account is a keyed hash, and the identity is sealed: neither names the account in clear.
        Assert.Equal(32, report.ReporterKey!.Length);
        Assert.Null(report.LegacyReporterId);
        Assert.DoesNotContain("王小明", report.IdentityProtected!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyReports_NeverShowsAnotherCitizensReport()
    {
        await Factory.CreateUserAsync("a@example.test", Password, Data.Roles.Citizen);
        await Factory.CreateUserAsync("b@example.test", Password, Data.Roles.Citizen);
        var a = NewClient(followRedirects: true);
        await a.SignInAsync("a@example.test", Password);
        var fields = Filing.ValidFields();
        fields["Input.Anonymous"] = "false";
        await Filing.PostAsync(a, fields);
        await using var scope = Factory.Service<IDbContextFactoryLike>().Open();
        var id = (await scope.Db.Reports.SingleAsync()).Id;

        var b = NewClient();
        await b.SignInAsync("b@example.test", Password);
        var mine = await b.GetPageAsync("/Track/Mine");
        Assert.Empty(mine.QuerySelectorAll("table a"));
        // Guessing the id does not open it: back to the key form.
        var direct = await b.Http.GetAsync($"/Track/Report?id={id}");
        Assert.Equal(HttpStatusCode.Redirect, direct.StatusCode);
        Assert.EndsWith("/Track", direct.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithAnAddressInUse_LooksTheSame_AndTellsTheOwnerByMail()
    {
        await Factory.CreateUserAsync("taken@example.test", Password, Data.Roles.Citizen);
        var client = NewClient(followRedirects: true);
        var page = await RegisterAsync(client, "taken@example.test", language: "en");
        Assert.Contains("Check your mailbox", page.Title, StringComparison.Ordinal);
        var mail = await MailBox.WaitForAsync(Factory.MailFolder, "taken@example.test");
        Assert.Contains("/Account/ForgotPassword", MailBox.LinkIn(mail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithBadInput_ShowsMessagesByTheFields_AndKeepsWhatWasTyped()
    {
        var client = NewClient();
        var page = await RegisterAsync(client, "not-an-address", "short", "different", language: "en");
        Assert.Equal("The password must have between 10 and 200 characters.", Filing.ErrorFor(page, "Input.Password"));
        Assert.Equal("The two passwords are not the same.", Filing.ErrorFor(page, "Input.ConfirmPassword"));
        Assert.NotNull(Filing.ErrorFor(page, "Input.Email"));
        Assert.Equal("not-an-address", ((IHtmlInputElement)page.QuerySelector("#Input_Email")!).Value);
        // A citizen's name is not asked for: an account keeps no name, a real-name report carries its own (sealed).
        Assert.Null(page.QuerySelector("#Input_DisplayName"));

        var weak = await RegisterAsync(client, "weak@example.test", "aaaaaaaaaaaa", language: "en");
        Assert.Equal("The password must contain a digit.", Filing.ErrorFor(weak, "Input.Password"));
        Assert.Empty(MailBox.To(Factory.MailFolder, "weak@example.test"));
    }

    [Fact]
    public async Task ForgotPassword_SendsALinkOnce_ThatSetsANewPassword()
    {
        await Factory.CreateUserAsync("forgot@example.test", Password, Data.Roles.Citizen);
        var client = NewClient(followRedirects: true);
        var forgot = await client.GetPageAsync("/Account/ForgotPassword", "en");
        var sent = await FormClient.ParseAsync(await client.SubmitAsync(forgot, new Dictionary<string, string?> { ["Input.Email"] = "forgot@example.test" }));
        Assert.Contains("Check your mailbox", sent.Title, StringComparison.Ordinal);
        // An unknown address gets the same page and no mail.
        var unknown = await FormClient.ParseAsync(await client.SubmitAsync(forgot, new Dictionary<string, string?> { ["Input.Email"] = "nobody@example.test" }));
        Assert.Equal(sent.QuerySelector("[role=status]")!.TextContent, unknown.QuerySelector("[role=status]")!.TextContent);
        Assert.Empty(MailBox.To(Factory.MailFolder, "nobody@example.test"));

        var link = MailBox.LinkIn(await MailBox.WaitForAsync(Factory.MailFolder, "forgot@example.test"));
        var reset = await client.GetPageAsync(link);
        var fields = new Dictionary<string, string?>
        {
            ["Input.Email"] = "forgot@example.test", ["Input.Password"] = "a-new-pass-2027", ["Input.ConfirmPassword"] = "a-new-pass-2027",
        };
        var done = await FormClient.ParseAsync(await client.SubmitAsync(reset, fields));
        Assert.Contains("Your password has been changed", done.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        // The link is spent.
        var again = await FormClient.ParseAsync(await client.SubmitAsync(reset, fields));
        Assert.Contains("not valid", again.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);

        var signedIn = await client.SignInAsync("forgot@example.test", "a-new-pass-2027");
        Assert.Equal("/", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task ConfirmEmail_WithABadLink_SaysSoWithoutError()
    {
        var client = NewClient();
        var page = await client.GetPageAsync($"/Account/ConfirmEmail?userId={Guid.NewGuid()}&code=%%%", "en");
        Assert.Contains("not valid", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }
}

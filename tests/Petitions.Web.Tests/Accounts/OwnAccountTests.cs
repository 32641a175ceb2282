using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Services;

namespace Petitions.Web.Tests.Accounts;

/// <summary>A citizen's own account: password, address, their data, and deleting it (the reports stay, unlinked).</summary>
public sealed class OwnAccountTests(PetitionsFactory factory) : WebTest(factory)
{
    private const string Password = "Citizen-Pass-1";

    [Fact]
    public async Task ChangingThePassword_AsksForTheCurrentOne_ThenSignsInWithTheNewOne_AndTellsTheMailbox()
    {
        var client = await CitizenAsync("wang@example.org");
        var page = await client.GetPageAsync("/Account/Manage", "en");
        var form = await client.GetPageAsync(page.QuerySelector("#change-password")!.GetAttribute("href")!, "en");
        var wrong = await FormClient.ParseAsync(await client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Current"] = "not-my-password", ["Input.Password"] = "New-Pass-2026", ["Input.ConfirmPassword"] = "New-Pass-2026",
        }));
        Assert.Equal("This is not the account's current password.", Filing.ErrorFor(wrong, "Input.Current"));
        Assert.Contains("This is not the account's current password.", wrong.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);

        var done = await FormClient.ParseAsync(await client.SubmitAsync(wrong, new Dictionary<string, string?>
        {
            ["Input.Current"] = Password, ["Input.Password"] = "New-Pass-2026", ["Input.ConfirmPassword"] = "New-Pass-2026",
        }));
        Assert.StartsWith("Your password has been changed.", done.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);
        // In the account's language (Chinese here), whatever the page's.
        Assert.Equal("您在举报平台的密码已修改", (await MailBox.WaitForAsync(Factory.MailFolder, "wang@example.org")).Subject);

        var again = NewClient(followRedirects: true);
        Assert.Equal("/", (await again.SignInAsync("wang@example.org", "New-Pass-2026")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task ChangingTheAddress_TakesTheLinkFromTheNewMailbox_AndReportMailsFollowIt()
    {
        var client = await CitizenAsync("wang@example.org");
        var (number, _) = await FileRealNameAsync(client);
        var form = await client.GetPageAsync("/Account/Email", "en");
        var sent = await FormClient.ParseAsync(await client.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Email"] = "wang.new@example.org", ["Input.Password"] = Password }));
        Assert.StartsWith("If the new address can be used", sent.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);
        // Nothing changed yet; opening the link shows a button, and only the button changes the address.
        var mail = await MailBox.WaitForAsync(Factory.MailFolder, "wang.new@example.org");
        var opener = NewClient();
        var confirm = await opener.GetPageAsync(MailBox.LinkIn(mail), "en");
        Assert.NotNull(await Factory.QueryAsync(db => db.Users.SingleOrDefaultAsync(u => u.Email == "wang@example.org")));
        var changed = await FormClient.ParseAsync(await opener.SubmitAsync(confirm, new Dictionary<string, string?>()));
        Assert.StartsWith("Your address has been changed.", changed.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("您在举报平台的邮箱已修改", (await MailBox.WaitForAsync(Factory.MailFolder, "wang@example.org")).Subject);

        var signedIn = NewClient(followRedirects: true);
        await signedIn.SignInAsync("wang.new@example.org", Password);
        var mine = await signedIn.GetPageAsync("/Track/Mine");
        Assert.Equal(number, mine.QuerySelector("table a")!.TextContent.Trim());

        // The next mail about the report goes to the new address.
        var id = await Factory.QueryAsync(db => db.Reports.Select(r => r.Id).SingleAsync());
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var staffPage = await officer.GetPageAsync($"/Staff/Report/{id}");
        await officer.SubmitAsync(staffPage, new Dictionary<string, string?> { ["Input.Reason"] = "不属于本单位职责范围" }, formAction: ActionOf(staffPage, "Decline"));
        Assert.Contains(number, (await MailBox.WaitForAsync(Factory.MailFolder, "wang.new@example.org", 2)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task YourData_ShowsAndDownloadsTheAccountAndItsReports_AndNoOneElses()
    {
        var client = await CitizenAsync("wang@example.org");
        var (number, _) = await FileRealNameAsync(client);
        await Filing.FileAndTriageAsync(Factory, NewClient());
        var page = await client.GetPageAsync("/Account/Data", "en");
        Assert.Equal("Your real-name reports (1)", page.QuerySelector("h2:nth-of-type(2)")!.TextContent);
        Assert.Contains(number, page.QuerySelector(".data-report h3")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("王小明", page.QuerySelector(".data-report")!.TextContent, StringComparison.Ordinal);
        var opened = await client.GetPageAsync(page.QuerySelector(".data-report a")!.GetAttribute("href")!, "en");
        Assert.NotNull(opened.QuerySelector("#report-status"));

        var download = await client.Http.GetAsync(page.QuerySelector("#download-data")!.GetAttribute("href"));
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        Assert.Equal("wang@example.org", json.RootElement.GetProperty("account").GetProperty("email").GetString());
        var report = json.RootElement.GetProperty("reports").EnumerateArray().Single();
        Assert.Equal(number, report.GetProperty("trackingNumber").GetString());
        Assert.Equal("王小明", report.GetProperty("identityGiven").GetProperty("name").GetString());
        Assert.Contains("已故老人", report.GetProperty("description").GetString(), StringComparison.Ordinal);

        Assert.NotEqual(HttpStatusCode.OK, (await NewClient().Http.GetAsync("/Account/Data?handler=Json")).StatusCode);
    }

    [Fact]
    public async Task DeletingTheAccount_SaysWhatStays_AsksThePassword_AndLeavesTheReportsUnlinked_AndFollowableByKey()
    {
        var client = await CitizenAsync("wang@example.org");
        var (number, key) = await FileRealNameAsync(client);
        var page = await client.GetPageAsync("/Account/Delete", "en");
        Assert.Contains("you filed 1 reports", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var refused = await FormClient.ParseAsync(await client.SubmitAsync(page, new Dictionary<string, string?> { ["Password"] = "wrong-password-1" }));
        Assert.Equal("Type your current password to confirm.", Filing.ErrorFor(refused, "Password"));
        Assert.NotNull(await Factory.QueryAsync(db => db.Users.SingleOrDefaultAsync(u => u.Email == "wang@example.org")));

        var deleted = await client.SubmitAsync(refused, new Dictionary<string, string?> { ["Password"] = Password });
        var done = await FormClient.ParseAsync(deleted);
        Assert.StartsWith("Your account has been deleted", done.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("cookies", deleted.Headers.GetValues("Clear-Site-Data").Single(), StringComparison.Ordinal);
        Assert.Null(await Factory.QueryAsync(db => db.Users.SingleOrDefaultAsync(u => u.Email == "wang@example.org")));

        var report = await Factory.QueryAsync(db => db.Reports.SingleAsync());
        Assert.Null(report.ReporterKey);
        var identity = Factory.Service<ReporterIdentities>().Open(report.IdentityProtected)!;
        Assert.Equal("王小明", identity.Name);
        Assert.Null(identity.Email);

        var tracker = NewClient(followRedirects: true);
        var track = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track", "en"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
        Assert.NotNull(track.QuerySelector("#report-status"));
    }

    [Fact]
    public async Task StaffCannotDeleteOrReaddressTheirOwnAccount_AndSignedOutPeopleAreSentToSignIn()
    {
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var manage = await officer.GetPageAsync("/Account/Manage", "en");
        Assert.Null(manage.QuerySelector("#delete-account"));
        Assert.Null(manage.QuerySelector("#change-email"));
        Assert.NotNull(manage.QuerySelector("#change-password"));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Http.GetAsync("/Account/Delete")).StatusCode);
        // Staff choose how new reports reach them.
        var saved = await FormClient.ParseAsync(await officer.SubmitAsync(manage, new Dictionary<string, string?> { ["digest"] = "true" }, formAction: "/Account/Manage?handler=Mail"));
        Assert.StartsWith("Saved:", saved.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(saved.QuerySelector("#digest-yes[checked]"));
        Assert.True(await Factory.QueryAsync(db => db.Users.Where(u => u.Email == "county@example.org").Select(u => u.NewReportsInDigest).SingleAsync()));
        foreach (var path in new[] { "/Account/Manage", "/Account/Password", "/Account/Email", "/Account/Data", "/Account/Delete", "/Account/TwoFactor" })
        {
            var anonymous = await NewClient().Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    private async Task<FormClient> CitizenAsync(string email)
    {
        await Factory.CreateUserAsync(email, Password, Roles.Citizen);
        var client = NewClient(followRedirects: true);
        await client.SignInAsync(email, Password);
        return client;
    }

    private static async Task<(string Number, string Key)> FileRealNameAsync(FormClient client)
    {
        var fields = Filing.ValidFields();
        fields["Input.Anonymous"] = "false";
        return Filing.ReadReceipt(await FormClient.ParseAsync(await Filing.PostAsync(client, fields)));
    }
}

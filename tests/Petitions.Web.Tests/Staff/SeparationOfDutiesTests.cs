using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Staff;

/// <summary>Two people means two people: against a supervisor acting alone and against an administrator who makes accounts.</summary>
public sealed class SeparationOfDutiesTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task AnAdministrator_CannotReadAnIdentity_ThroughAnOfficerTheyCreated()
    {
        var admin = await AdminAsync();
        var (id, _, _) = await FileRealNameAsync("王小明", "11010519491231002X");

        // The audit's attack: the admin creates an officer for the province and sets its password from the invitation.
        var officer = await InvitedAsync(admin, "puppet@example.org", Roles.Officer, "430000");
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        Assert.NotNull(page.QuerySelector("form[data-action='Accept']"));
        // A new account asks for nothing that needs a second person until a second administrator confirms it.
        Assert.Null(page.QuerySelector("#reveal-reason"));
        var fields = FormClient.FieldsOf(page.Forms.First(f => f.GetAttribute("data-action") is not null));
        fields.Add(new("Input.Reason", "需要联系举报人"));
        var early = await FormClient.ParseAsync(await officer.Http.PostAsync(new Uri($"/Staff/Report/{id}?handler=RevealRequest", UriKind.Relative), new FormUrlEncodedContent(fields)));
        Assert.Null(early.QuerySelector("#notice"));
        Assert.False(await Factory.QueryAsync(db => db.IdentityDisclosures.AnyAsync(d => d.ReportId == id)));
        var list = await admin.GetPageAsync("/Admin/Staff", "en");
        Assert.NotNull(list.QuerySelector("[data-awaiting='puppet@example.org']"));
        // The creator cannot confirm their own account; a second administrator, told by mail, can.
        Assert.Null(Row(list, "puppet@example.org").QuerySelector("button[formaction*='handler=Confirm']"));
        var tellMail = await MailBox.WaitForAsync(Factory.MailFolder, "second-admin@example.org");
        Assert.Contains("puppet@example.org", tellMail.TextBody, StringComparison.Ordinal);
        var secondAdmin = NewClient(followRedirects: true);
        await Factory.SignInStaffAsync(secondAdmin, "second-admin@example.org", PetitionsFactory.StaffPassword);
        var second = await secondAdmin.GetPageAsync("/Admin/Staff", "en");
        var confirmed = await FormClient.ParseAsync(await secondAdmin.SubmitAsync(second, new Dictionary<string, string?>(),
            formAction: Row(second, "puppet@example.org").QuerySelector("button[formaction*='handler=Confirm']")!.GetAttribute("formaction")));
        Assert.StartsWith("The account is confirmed", confirmed.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);

        page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        var asked = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Reason"] = "需要联系举报人" },
            formAction: $"/Staff/Report/{id}?handler=RevealRequest"));
        Assert.StartsWith("Your request has been sent", asked.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);

        // The administrator is never the second person: no decision offered, and a forged post is refused.
        var adminPage = await admin.GetPageAsync($"/Staff/Report/{id}", "en");
        Assert.Null(adminPage.QuerySelector("#disclosures form"));
        var requestId = await Factory.QueryAsync(db => db.IdentityDisclosures.Where(d => d.ReportId == id).Select(d => d.Id).SingleAsync());
        var adminFields = FormClient.FieldsOf(adminPage.Forms.First(f => f.GetAttribute("data-action") is not null));
        adminFields.Add(new("approve", "true"));
        var forged = await FormClient.ParseAsync(await admin.Http.PostAsync(
            new Uri($"/Staff/Report/{id}?handler=RevealDecide&request={requestId}", UriKind.Relative), new FormUrlEncodedContent(adminFields)));
        Assert.Contains("A second person decides this", forged.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        var shown = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        Assert.Null(shown.QuerySelector("#revealed"));
        Assert.DoesNotContain("王小明", shown.Body!.TextContent, StringComparison.Ordinal);

        // A supervisor independent of both accounts decides.
        var supervisor = await SignedInStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "湖南省信访局", "430000");
        var sup = await supervisor.GetPageAsync($"/Staff/Report/{id}", "en");
        await supervisor.SubmitAsync(sup, new Dictionary<string, string?> { ["approve"] = "true" }, formAction: HandlerButton(sup, "RevealDecide", "#disclosures"));
        Assert.Equal("王小明", (await officer.GetPageAsync($"/Staff/Report/{id}", "en")).QuerySelector("#revealed-name")!.TextContent);
    }

    [Fact]
    public async Task ASupervisorWhoAskedForAnExtension_IsNotOfferedItsDecision_AndAForgedApprovalIsRefused()
    {
        var supervisor = await SignedInStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        var other = await SignedInStaffAsync("deputy@example.org", Roles.Supervisor, "李娜", "衡阳市信访局", "430400");
        var admin = await AdminAsync();
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var page = await supervisor.GetPageAsync($"/Staff/Report/{id}", "en");
        page = await FormClient.ParseAsync(await supervisor.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "Accept")));
        page = await FormClient.ParseAsync(await supervisor.SubmitAsync(page,
            new Dictionary<string, string?> { ["Input.Reason"] = "需要调取银行流水", ["Input.Days"] = "10" }, formAction: ActionOf(page, "RequestExtension")));

        Assert.Null(page.QuerySelector("form[data-action='ApproveExtension']"));
        Assert.Null(page.QuerySelector("form[data-action='RefuseExtension']"));
        Assert.Equal("Extension of 10 days requested by 吴刚; another supervisor decides it.", page.QuerySelector("#extension-awaiting")!.TextContent);
        var fields = FormClient.FieldsOf(page.Forms.First(f => f.GetAttribute("data-action") is not null));
        var forged = await FormClient.ParseAsync(await supervisor.Http.PostAsync(new Uri($"/Staff/Report/{id}?act=ApproveExtension&handler=Act", UriKind.Relative), new FormUrlEncodedContent(fields)));
        Assert.Contains("You cannot take this action", forged.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.ExtensionDays).SingleAsync()));

        // An administrator is not offered it either; another supervisor is, and approves.
        Assert.Null((await admin.GetPageAsync($"/Staff/Report/{id}", "en")).QuerySelector("form[data-action='ApproveExtension']"));
        var otherPage = await other.GetPageAsync($"/Staff/Report/{id}", "en");
        var approved = await FormClient.ParseAsync(await other.SubmitAsync(otherPage, new Dictionary<string, string?>(), formAction: ActionOf(otherPage, "ApproveExtension")));
        Assert.Equal("Extension approved; the reporter sees the new deadline.", approved.QuerySelector("#notice")!.TextContent);
        Assert.Equal(10, await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.ExtensionDays).SingleAsync()));

        // The reporter's date moved, and their timeline says so.
        var tracker = NewClient(followRedirects: true);
        var track = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track", "en"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
        Assert.Contains("The time limit for the conclusion was extended", track.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>An account made on the staff page, its password chosen from the invitation, its authenticator set up.</summary>
    private async Task<FormClient> InvitedAsync(FormClient admin, string email, string role, string region)
    {
        // A second administrator exists, to be told of the new account.
        await Factory.CreateStaffAsync("second-admin@example.org", Roles.Admin, "第二管理员", "省厅", "430000");
        var page = await admin.GetPageAsync("/Admin/Staff", "en");
        await admin.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Email"] = email, ["Input.Name"] = "傀儡", ["Input.Unit"] = "省厅", ["Input.Role"] = role, ["Input.Jurisdictions"] = region, ["Input.Culture"] = "en",
        }, formAction: "/Admin/Staff?handler=Create");
        var client = NewClient(followRedirects: true);
        var invitation = await MailBox.WaitForAsync(Factory.MailFolder, email);
        var reset = await client.GetPageAsync(MailBox.LinkIn(invitation));
        await client.SubmitAsync(reset, new Dictionary<string, string?>
        {
            ["Input.Email"] = email, ["Input.Password"] = "Puppet-Own-2026", ["Input.ConfirmPassword"] = "Puppet-Own-2026",
        });
        await client.SignInAsync(email, "Puppet-Own-2026");
        var setup = await client.GetPageAsync("/Staff");
        await client.SubmitAsync(setup, new Dictionary<string, string?> { ["Input.Code"] = await Factory.UnusedTotpCodeAsync(email) });
        return client;
    }

    private static AngleSharp.Dom.IElement Row(AngleSharp.Html.Dom.IHtmlDocument page, string email) =>
        page.QuerySelectorAll("#staff tbody tr").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));
}

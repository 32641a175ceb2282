using MimeKit;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Citizens;

/// <summary>A real-name reporter is told by mail, in the language they filed in, when their report moves; the mail holds no report text.</summary>
public sealed class ReporterMailTests(PetitionsFactory factory) : WebTest(factory)
{
    private const string Reporter = "wang@example.org";
    private const string Secret = "衡南县某乡镇劳动保障站工作人员持有多张已故老人的社保卡，每月按时取款。";

    [Fact]
    public async Task ARealNameReporter_IsMailedOnAcceptance_Message_Answer_AndReopening_InTheirLanguage_WithoutTheReportsText()
    {
        var (id, number, key) = await FileRealNameAsync("en");
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");

        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "zh-CN");
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "Claim")));
        Assert.Empty(MailBox.To(Factory.MailFolder, Reporter));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "Accept")));
        AssertTells(await MailBox.WaitForAsync(Factory.MailFolder, Reporter, 1), number, "has been accepted");

        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Text"] = "请提供取款的具体时间。" }, formAction: $"/Staff/Report/{id}?handler=Message"));
        var message = await MailBox.WaitForAsync(Factory.MailFolder, Reporter, 2);
        AssertTells(message, number, "has sent you a message");
        Assert.DoesNotContain("取款的具体时间", message.TextBody, StringComparison.Ordinal);

        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "StartVerification")));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Finding"] = "Verified", ["Input.Text"] = "经核查属实。" }, formAction: ActionOf(page, "RecordFinding")));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Text"] = "经核查，反映的问题属实。" }, formAction: ActionOf(page, "Close")));
        AssertTells(await MailBox.WaitForAsync(Factory.MailFolder, Reporter, 3), number, "has been concluded and answered");

        // The reporter asks for a review on /Track; reopening it is the review's decision, and is mailed too.
        var tracker = NewClient(followRedirects: true);
        var track = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track", "en"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
        await tracker.SubmitAsync(track, new Dictionary<string, string?> { ["Message.Text"] = "处理结果与事实不符。" }, formAction: HandlerButton(track, "Review"));
        page = await officer.GetPageAsync($"/Staff/Report/{id}", "zh-CN");
        await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "Reopen"));
        AssertTells(await MailBox.WaitForAsync(Factory.MailFolder, Reporter, 4), number, "has been reopened");

        // Internal steps (claim, verification, the finding itself) send nothing of their own: four mails, each once.
        Assert.Equal(4, MailBox.To(Factory.MailFolder, Reporter).Count);
        // The mail file is written before its notice is marked sent: wait for the mark, not for a fixed time.
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.ReporterNotices.AllAsync(n => n.SentAt != null)), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task ADeclinedReport_IsMailedInChinese_AndAnAnonymousOneNeverMails()
    {
        var (id, number, _) = await FileRealNameAsync("zh-CN");
        var (anonymousId, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        foreach (var report in new[] { anonymousId, id })
        {
            var page = await officer.GetPageAsync($"/Staff/Report/{report}", "en");
            await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Reason"] = "不属于本单位职责范围" }, formAction: ActionOf(page, "Decline"));
        }
        var mail = await MailBox.WaitForAsync(Factory.MailFolder, Reporter);
        Assert.Equal("您的举报有新进展", mail.Subject);
        Assert.Contains($"您的举报 {number} 未被受理", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("职责范围", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.QueryAsync(db => db.ReporterNotices.CountAsync(n => n.ReportId == anonymousId)));
    }

    private async Task<(Guid Id, string Number, string Key)> FileRealNameAsync(string language)
    {
        await Factory.CreateUserAsync(Reporter, "Citizen-Pass-1", Roles.Citizen);
        var citizen = NewClient(followRedirects: true);
        await citizen.SignInAsync(Reporter, "Citizen-Pass-1");
        var fields = Filing.ValidFields(Secret);
        fields["Input.Anonymous"] = "false";
        var (number, key) = Filing.ReadReceipt(await FormClient.ParseAsync(await Filing.PostAsync(citizen, fields, language: language)));
        var id = await Factory.QueryAsync(db => db.Reports.Where(r => r.TrackingNumber == number).Select(r => r.Id).SingleAsync());
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Reports.AnyAsync(r => r.Id == id && r.TriagedAt != null)), TimeSpan.FromSeconds(15));
        return (id, number, key);
    }

    private static void AssertTells(MimeMessage mail, string number, string what)
    {
        Assert.Equal("Your report has news", mail.Subject);
        Assert.Contains(number, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(what, mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("/Track/Mine", MailBox.LinkIn(mail));
        Assert.DoesNotContain("已故老人", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("王小明", mail.TextBody, StringComparison.Ordinal);
    }
}

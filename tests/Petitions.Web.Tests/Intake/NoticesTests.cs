using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Tests.Statistics;

namespace Petitions.Web.Tests.Intake;

/// <summary>
/// Formal notices (acceptance, decline, transfer, reply) issued by the officer's action, in the reporter's language,
/// numbered, on /Track and as a printable letter, mailed to real-name reporters; transfers out and within the portal;
/// statistics by channel and by transfer.
/// </summary>
public sealed class NoticesTests(PetitionsFactory factory) : WebTest(factory)
{
    private int Year => Factory.Service<TimeLimitPolicy>().LocalDay(Factory.Clock.GetUtcNow()).Year;

    /// <summary>A real-name phone report registered at the desk, in the reporter's language, triaged.</summary>
    private async Task<(Guid Id, string Number, string Key)> RegisterAsync(FormClient officer, string language, string email)
    {
        var today = Factory.Service<TimeLimitPolicy>().LocalDay(Factory.Clock.GetUtcNow());
        var fields = new Dictionary<string, string?>
        {
            ["Input.Channel"] = "Phone", ["Input.ReceivedOn"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.RealName"] = "true", ["Input.ReporterName"] = "孙来电", ["Input.ReporterPhone"] = "13900000000", ["Input.ReporterEmail"] = email,
            ["Input.Language"] = language, ["Input.KindCode"] = "deceased-pension", ["Input.Region"] = "衡南县",
            ["Input.Description"] = "来电反映：已故人员的养老金仍在发放。",
        };
        var slip = await FormClient.ParseAsync(await officer.SubmitAsync(await officer.GetPageAsync("/Staff/Intake", "en"), fields, extraContent: new MultipartFormDataContent()));
        var (number, key) = Filing.ReadReceipt(slip);
        var id = await Factory.QueryAsync(db => db.Reports.Where(r => r.TrackingNumber == number).Select(r => r.Id).SingleAsync());
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Reports.AnyAsync(r => r.Id == id && r.TriagedAt != null)), TimeSpan.FromSeconds(15));
        return (id, number, key);
    }

    /// <summary>A date as a letter writes it: 2026年12月15日, or 15 December 2026.</summary>
    private static string LetterDate(DateOnly day, string language) =>
        day.ToString(language == "en" ? "d MMMM yyyy" : "yyyy年M月d日", CultureInfo.InvariantCulture);

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> TrackAsync(string number, string key, string language)
    {
        var visitor = NewClient(followRedirects: true);
        return await FormClient.ParseAsync(await visitor.SubmitAsync(await visitor.GetPageAsync("/Track", language),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ActAsync(FormClient officer, Guid id, string action, Dictionary<string, string?>? fields = null)
    {
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        return await FormClient.ParseAsync(await officer.SubmitAsync(page, fields ?? [], formAction: ActionOf(page, action)));
    }

    [Theory]
    [InlineData("en", "Notice of acceptance", "has been reviewed and meets the conditions for acceptance", "Reply to your report", "Finding: **Verified**")]
    [InlineData("zh-CN", "举报受理告知书", "符合受理条件，本机关决定予以受理", "举报处理答复意见书", "核查结论：**属实**")]
    public async Task ARealNameReporter_GetsTheAcceptanceNoticeAndTheReply_NumberedOnTrackAndByMail(string language, string acceptanceTitle, string acceptanceText, string replyTitle, string replyText)
    {
        var officer = await SignedInStaffAsync("desk@example.org", Roles.Officer, "窗口", "衡南县人社局", "430422");
        var email = $"reporter-{language}@example.org";
        var (id, number, key) = await RegisterAsync(officer, language, email);

        var accepted = await ActAsync(officer, id, "Accept");
        // The staff page lists the notice; it opens as the letter.
        var staffLink = accepted.QuerySelector("#notices a")!;
        // The officer's page is in English: a Chinese notice is named in English, its own title beside it.
        Assert.Equal(language == "en" ? acceptanceTitle : "Acceptance notice", staffLink.TextContent.Trim());
        Assert.Contains(acceptanceTitle, accepted.QuerySelector("#notices li")!.TextContent, StringComparison.Ordinal);
        var numberText = $"受理〔{Year}〕1号";
        Assert.Equal(numberText, accepted.QuerySelector("#notices li span[translate=no]")!.TextContent.Trim());

        // The reporter's mail, in their language, names the notice and its number; its text stays on the site (a mailbox
        // may be read by others).
        var mail = await MailBox.WaitForAsync(Factory.MailFolder, email);
        Assert.Equal(language == "en" ? "Your report has news" : "您的举报有新进展", mail.Subject);
        Assert.Contains(acceptanceTitle, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(numberText, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(number, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(acceptanceText, mail.TextBody, StringComparison.Ordinal);

        // On /Track, and as a printable letter in the reporter's language.
        var track = await TrackAsync(number, key, language);
        var link = track.QuerySelector("#notices a")!;
        Assert.Equal(acceptanceTitle, link.TextContent.Trim());
        var visitor = NewClient(followRedirects: true);
        await visitor.SubmitAsync(await visitor.GetPageAsync("/Track", language), new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key });
        var letter = await visitor.GetPageAsync(link.GetAttribute("href")!, language);
        Assert.Equal(numberText, letter.QuerySelector("#notice-number")!.TextContent.Trim());
        Assert.Contains(acceptanceText, letter.QuerySelector("#notice-body")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(language, letter.QuerySelector("#notice-letter")!.GetAttribute("lang"));
        // Its conclusion date is the regime's (Order No. 49: 60 working days from acceptance).
        var report = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id));
        Assert.Equal(LegalRegime.SocialInsuranceFunds, report.RegimeCode);
        var lastDay = LetterDate(Factory.Service<TimeLimitPolicy>().LastDay(report.ConclusionDueAt!.Value), language);
        Assert.Contains(lastDay, letter.QuerySelector("#notice-body")!.TextContent, StringComparison.Ordinal);

        // Verified and concluded: the reply notice, numbered in its own series.
        await ActAsync(officer, id, "StartVerification");
        await ActAsync(officer, id, "RecordFinding", new() { ["Input.Finding"] = "Verified", ["Input.Text"] = "三张卡属实。" });
        await ActAsync(officer, id, "Close", new() { ["Input.Text"] = "已停发并追回资金。" });
        await MailBox.WaitForAsync(Factory.MailFolder, email, count: 2);
        var reply = MailBox.To(Factory.MailFolder, email).Select(m => m.TextBody!).Single(t => t.Contains("答复〔", StringComparison.Ordinal));
        Assert.Contains($"{replyTitle}", reply, StringComparison.Ordinal);
        Assert.Contains($"答复〔{Year}〕1号", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("已停发并追回资金。", reply, StringComparison.Ordinal);
        // The reply's text, on the site: the finding in the reporter's language and the officer's answer.
        var replyNotice = await Factory.QueryAsync(db => db.FormalNotices.SingleAsync(n => n.ReportId == id && n.Kind == Core.Notices.NoticeKind.Reply));
        Assert.Contains(replyText, replyNotice.Body, StringComparison.Ordinal);
        Assert.Contains("已停发并追回资金。", replyNotice.Body, StringComparison.Ordinal);
        var notices = await Factory.QueryAsync(db => db.FormalNotices.Where(n => n.ReportId == id).OrderBy(n => n.IssuedAt).Select(n => n.Number).ToListAsync());
        Assert.Equal([numberText, $"答复〔{Year}〕1号"], notices);
        // Kept in the case file with the rest of the record.
        var caseFile = await officer.GetPageAsync($"/Staff/Report/{id}/CaseFile", "en");
        Assert.Equal(2, caseFile.QuerySelectorAll("#case-notices li").Length);
        Assert.Contains(numberText, caseFile.QuerySelector("#case-notices")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Notice of non-acceptance", "we have decided not to accept it")]
    [InlineData("zh-CN", "不予受理告知书", "本机关决定不予受理")]
    public async Task AnAnonymousReporter_ReadsTheDeclineNotice_WithItsReasonsAndReviewRight_OnTrackOnly(string language, string title, string text)
    {
        var officer = await SignedInStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var client = NewClient();
        var (number, key) = Filing.ReadReceipt(await FormClient.ParseAsync(await Filing.PostAsync(client, Filing.ValidFields(), language: language)));
        var id = await Factory.QueryAsync(db => db.Reports.Where(r => r.TrackingNumber == number).Select(r => r.Id).SingleAsync());
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Reports.AnyAsync(r => r.Id == id && r.TriagedAt != null)), TimeSpan.FromSeconds(15));

        await ActAsync(officer, id, "Decline", new() { ["Input.Reason"] = "所反映问题已于今年三月查处完毕。" });
        var track = await TrackAsync(number, key, language);
        Assert.Equal(title, track.QuerySelector("#notices a")!.TextContent.Trim());
        var notice = await Factory.QueryAsync(db => db.FormalNotices.SingleAsync(n => n.ReportId == id));
        Assert.Equal($"不予受理〔{Year}〕1号", notice.Number);
        Assert.Contains(text, notice.Body, StringComparison.Ordinal);
        Assert.Contains("所反映问题已于今年三月查处完毕。", notice.Body, StringComparison.Ordinal);
        var report = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id));
        var policy = Factory.Service<TimeLimitPolicy>();
        var reviewBy = LetterDate(policy.LastDay(policy.ReviewRequestDeadline(report.AnsweredAt!.Value, report.RegimeCode)), language);
        Assert.Contains(reviewBy, notice.Body, StringComparison.Ordinal);
        // Anonymous: nothing to mail, nothing owed.
        Assert.False(await Factory.QueryAsync(db => db.ReporterNotices.AnyAsync(n => n.ReportId == id)));
        // The letter opens only in this report's tracking session: without one, back to the tracking form; with
        // another report's session, not found.
        var href = track.QuerySelector("#notices a")!.GetAttribute("href")!;
        var stranger = await NewClient().Http.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal((System.Net.HttpStatusCode.Redirect, "/Track"), (stranger.StatusCode, stranger.Headers.Location?.OriginalString));
        var (_, otherNumber, otherKey) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var other = NewClient(followRedirects: true);
        await other.SubmitAsync(await other.GetPageAsync("/Track", language), new Dictionary<string, string?> { ["Input.TrackingNumber"] = otherNumber, ["Input.AccessKey"] = otherKey });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.Http.GetAsync(new Uri(href, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ATransferToAnotherAgency_EndsHere_TheReporterSeesWhereItWent_AndTheStatisticsCountIt()
    {
        var officer = await SignedInStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        // Refused without the receiving body: said by the field, the reason kept.
        var refused = await FormClient.ParseAsync(await officer.SubmitAsync(page,
            new Dictionary<string, string?> { ["Input.TransferTo"] = "MedicalInsurance", ["Input.Receiver"] = "", ["Input.Reason"] = "反映的是医保报销问题。" }, formAction: ActionOf(page, "Transfer")));
        Assert.NotNull(Filing.ErrorFor(refused, "Input.Receiver"));
        Assert.Equal("反映的是医保报销问题。", refused.QuerySelector("#reason-Transfer")!.GetAttribute("value"));
        var done = await FormClient.ParseAsync(await officer.SubmitAsync(refused,
            new Dictionary<string, string?> { ["Input.TransferTo"] = "MedicalInsurance", ["Input.Receiver"] = "衡阳市医疗保障局", ["Input.Reason"] = "反映的是医保报销问题。" }, formAction: ActionOf(refused, "Transfer")));
        Assert.Equal("Transferred", done.QuerySelector("#report-status")!.TextContent.Trim());

        var track = await TrackAsync(number, key, "zh-CN");
        Assert.Equal("已转送", track.QuerySelector("#report-status")!.TextContent.Trim());
        Assert.Contains("衡阳市医疗保障局", track.QuerySelector("#transferred-to")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("举报转送告知书", track.QuerySelector("#notices a")!.TextContent.Trim());
        var entry = track.QuerySelector("#timeline li[data-kind=Transferred]")!.TextContent;
        Assert.Contains("已转送有权处理的单位", entry, StringComparison.Ordinal);
        Assert.Contains("反映的是医保报销问题。", entry, StringComparison.Ordinal);
        var notice = await Factory.QueryAsync(db => db.FormalNotices.SingleAsync(n => n.ReportId == id));
        Assert.Equal($"转送〔{Year}〕1号", notice.Number);
        Assert.Contains("衡阳市医疗保障局", notice.Body, StringComparison.Ordinal);

        await StatsPages.RefreshAsync(Factory);
        var auditor = await SignedInStaffAsync("auditor@example.org", Roles.Oversight, "钱审计", "湖南省审计厅", "430000");
        var oversight = await auditor.GetPageAsync("/Oversight?region=430422", "en");
        var transfers = StatsPages.Breakdown(oversight, "transfer");
        Assert.Equal((1L, 0L), (transfers["medical-insurance"], transfers["none"]));
    }

    [Fact]
    public async Task ATransferToAnotherJurisdiction_LandsInItsQueue_IsTriagedThere_AndItsClockStartsOnArrival()
    {
        var hengnan = await SignedInStaffAsync("hengnan@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var hengyang = await SignedInStaffAsync("hengyang@example.org", Roles.Officer, "李明", "衡阳县信访局", "430421");
        // A province officer covers both queues (told once), and one from the named unit is excluded in both.
        var province = await Factory.CreateStaffAsync("province@example.org", Roles.Officer, "孙立", "湖南省人社厅", "430000");
        var named = await Factory.CreateStaffAsync("named@example.org", Roles.Officer, "王五", "衡南县人社局农保中心", "430000");
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient());
        // It was received a week ago (its acceptance limit set from then).
        var policy = Factory.Service<TimeLimitPolicy>();
        var weekAgo = Factory.Clock.GetUtcNow().AddDays(-7);
        var regime = await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.RegimeCode).SingleAsync());
        await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.SubmittedAt, weekAgo).SetProperty(r => r.AcceptanceDueAt, policy.AcceptanceDue(weekAgo, regime))));
        var before = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id));

        var page = await hengnan.GetPageAsync($"/Staff/Report/{id}", "en");
        var unknown = await FormClient.ParseAsync(await hengnan.SubmitAsync(page,
            new Dictionary<string, string?> { ["Input.TransferRegion"] = "火星县", ["Input.Reason"] = "被举报人在衡阳县工作。" }, formAction: ActionOf(page, "TransferWithin")));
        Assert.Equal("Name a jurisdiction of the portal other than the report's current one: a name only one region has, or its six-digit code.", Filing.ErrorFor(unknown, "Input.TransferRegion"));
        var moved = await hengnan.SubmitAsync(unknown, new Dictionary<string, string?> { ["Input.TransferRegion"] = "衡阳县", ["Input.Reason"] = "被举报人在衡阳县工作。" }, formAction: ActionOf(unknown, "TransferWithin"));
        // Out of this officer's reach now: they land on their queue with the confirmation, never on "page not found".
        Assert.Equal(System.Net.HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("/Staff", moved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.StartsWith("Transferred to Hengyang County (衡阳县).", (await FormClient.ParseAsync(moved)).QuerySelector("#bulk-result")!.TextContent.Trim(), StringComparison.Ordinal);

        // Triaged again, in Hengyang County's queue.
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Reports.AnyAsync(r => r.Id == id && r.TriagedAt != null && r.QueueRegionCode == "430421")), TimeSpan.FromSeconds(15));
        var after = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id));
        Assert.Equal((ReportStatus.Submitted, (Guid?)null), (after.Status, after.AssigneeId));
        Assert.Equal(policy.AcceptanceDue(after.TransferredAt!.Value, after.RegimeCode), after.AcceptanceDueAt);
        Assert.NotEqual(before.AcceptanceDueAt, after.AcceptanceDueAt);
        Assert.Contains(number, (await hengyang.GetPageAsync("/Staff", "en")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var told = await Factory.QueryAsync(db => db.Notifications.Where(n => n.ReportId == id && n.Kind == Core.Triage.NotificationKind.NewReport).Select(n => n.UserId).ToListAsync());
        Assert.Single(told, u => u == province.Id);
        Assert.Contains(await Factory.QueryAsync(db => db.Users.Where(u => u.Email == "hengyang@example.org").Select(u => u.Id).SingleAsync()), told);
        Assert.Equal([named.Id], await Factory.QueryAsync(db => db.Exclusions.Where(e => e.ReportId == id).Select(e => e.UserId).ToListAsync()));
        Assert.DoesNotContain(number, (await hengnan.GetPageAsync("/Staff", "en")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // Hengyang decides it.
        var accepted = await ActAsync(hengyang, id, "Accept");
        Assert.Equal("Assigned", accepted.QuerySelector("#report-status")!.TextContent.Trim());

        // The reporter is told where it went.
        var track = await TrackAsync(number, key, "zh-CN");
        Assert.Contains("衡阳县", track.QuerySelector("#transferred-to")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("已转至其他辖区办理", track.QuerySelector("#timeline li[data-kind=Transferred]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["举报转送告知书", "举报受理告知书"], track.QuerySelectorAll("#notices a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task StatisticsByChannel_AreExactForOversight_AndUnderTheSmallCellRuleInPublic()
    {
        // Hengnan County: 10 online, 6 by phone, 2 by letter (hand-counted below).
        var day = Factory.Service<TimeLimitPolicy>().LocalDay(Factory.Clock.GetUtcNow()).AddDays(-10);
        var reports = Enumerable.Range(0, 18).Select(i =>
        {
            var r = StatsPages.Received(Factory, "430422", "deceased-pension", day.AddDays(-(i % 5)));
            r.Channel = i < 10 ? ReportChannel.Online : i < 16 ? ReportChannel.Phone : ReportChannel.Letter;
            return r;
        }).ToList();
        // And online reports in Changsha and in Hengyang County, so that the province and the city have more than one part to show.
        reports.AddRange(Enumerable.Range(0, 12).Select(i => StatsPages.Received(Factory, "430102", "deceased-pension", day.AddDays(-(i % 5)))));
        reports.AddRange(Enumerable.Range(0, 8).Select(i => StatsPages.Received(Factory, "430421", "deceased-pension", day.AddDays(-(i % 5)))));
        await StatsPages.StoreAsync(Factory, reports);
        await StatsPages.RefreshAsync(Factory);

        var auditor = await SignedInStaffAsync("auditor@example.org", Roles.Oversight, "钱审计", "湖南省审计厅", "430000");
        var exact = StatsPages.Breakdown(await auditor.GetPageAsync("/Oversight?region=430422", "en"), "channel");
        Assert.Equal((10L, 6L, 2L, 0L), (exact["online"], exact["phone"], exact["letter"], exact["visit"]));

        var shown = StatsPages.Breakdown(await NewClient().GetPageAsync("/Stats?region=430422", "en"), "channel");
        // Two letters are fewer than five: withheld, and so is at least one other cell, so 18 − 10 − 6 cannot give it away.
        Assert.Null(shown["letter"]);
        Assert.Contains(shown, kv => kv.Key != "letter" && kv.Value is null);
        Assert.All(shown.Where(kv => kv.Value is not null), kv => Assert.Equal(exact[kv.Key], kv.Value));
    }
}

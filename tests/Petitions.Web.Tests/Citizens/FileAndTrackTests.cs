using System.Net;
using ImageMagick;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Reports;
using Petitions.Testing;

namespace Petitions.Web.Tests.Citizens;

public sealed class FileAndTrackTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task WithoutScript_AnAnonymousReportIsSentAfterTheStatedWait_AndNothingTypedIsLost()
    {
        // 10:00:00 China time. The page says, at the top of the form and without script, when it can be sent.
        Factory.Clock.Set(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        var client = NewClient();
        var form = await client.GetPageAsync("/Report", "zh-CN");
        var note = form.QuerySelector("#report-form noscript")!.TextContent;
        Assert.Contains("北京时间 10:01:00 之后", note, StringComparison.Ordinal);

        // Sent at once, with no proof of work (no script ran): asked to wait, everything kept.
        var fields = Filing.ValidFields("匿名反映：衡南县某乡镇劳动保障站冒领养老金。");
        fields["altcha"] = "";
        var early = await FormClient.ParseAsync(await client.SubmitAsync(form, fields));
        Assert.Contains("北京时间 10:01:00 之后再次提交", Filing.ErrorFor(early, "altcha"), StringComparison.Ordinal);
        Assert.Equal("匿名反映：衡南县某乡镇劳动保障站冒领养老金。", early.QuerySelector("#Input_Description")!.TextContent.Trim());

        // After the wait, the same form goes through; its token cannot be used again.
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        var receipt = await FormClient.ParseAsync(await client.SubmitAsync(early, fields));
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", Filing.ReadReceipt(receipt).Number);
        var again = await FormClient.ParseAsync(await client.SubmitAsync(early, fields));
        Assert.NotNull(Filing.ErrorFor(again, "altcha"));
        Assert.Equal(1, await Factory.QueryAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task UnderWorkingDayRules_TheReceiptGivesTheDecisionDate_AndTheLaterDateTheReporterIsToldBy()
    {
        // Monday 2 November 2026, 10:00 China time; the default kind follows Order No. 49 (5 and 10 working days).
        Factory.Clock.Set(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        var receipt = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), Filing.ValidFields()));
        Assert.Equal("2026年11月9日星期一（含当日）前", receipt.QuerySelector("#decision-due")!.TextContent.Trim());
        Assert.Equal("2026年11月16日星期一（含当日）前", receipt.QuerySelector("#acceptance-due")!.TextContent.Trim());

        // The home page and the statistics footnote state the limits the portal applies, working days included.
        var home = await NewClient().GetPageAsync("/", "zh-CN");
        Assert.Contains("5个工作日内决定是否受理，10个工作日内告知举报人", home.QuerySelector("#home-limits li[data-regime='mohrss-order-49']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("15日内决定是否受理", home.QuerySelector("#home-limits li[data-regime='letters-visits-2022']")!.TextContent, StringComparison.Ordinal);
        await Statistics.StatsPages.RefreshAsync(Factory);
        var auditor = await SignedInStaffAsync("auditor@example.org", Data.Roles.Oversight, "钱审计", "湖南省审计厅", "430000");
        var stats = await auditor.GetPageAsync("/Oversight", "en");
        Assert.Contains("within 5 working days of receipt", stats.QuerySelector("#stats-limits")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("15 days", stats.QuerySelector("#stats-notes p")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousReport_ShowsNumberAndKeyOnce_ThenTrackingShowsItAndAcceptsAReply()
    {
        var client = NewClient();
        var response = await Filing.PostAsync(client, Filing.ValidFields());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await FormClient.ParseAsync(response);
        var (number, key) = Filing.ReadReceipt(receipt);
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", number);
        Assert.Matches("^([0-9A-Z]{5}-){3}[0-9A-Z]{5}$", key);

        // The key is stored only as a keyed hash; the report carries nothing about the reporter.
        var db = Factory.Service<IDbContextFactoryLike>();
        await using (var scope = db.Open())
        {
            var report = await scope.Db.Reports.Include(r => r.People).SingleAsync();
            Assert.True(report.IsAnonymous);
            Assert.Null(report.ReporterKey);
            Assert.Null(report.IdentityProtected);
            Assert.Equal(32, report.AccessKeyHash.Length);
            Assert.Equal("430422", report.RegionCode);
            Assert.Equal("张某", report.People.Single().Name);
        }

        var tracker = NewClient(followRedirects: true);
        var trackPage = await tracker.GetPageAsync("/Track");
        var opened = await FormClient.ParseAsync(await tracker.SubmitAsync(trackPage, new Dictionary<string, string?>
        {
            ["Input.TrackingNumber"] = number.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal),
            ["Input.AccessKey"] = key,
        }));
        Assert.Equal("已提交", opened.QuerySelector("#report-status")!.TextContent);
        Assert.Contains("收到举报", opened.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);

        var replied = await FormClient.ParseAsync(await tracker.SubmitAsync(opened,
            new Dictionary<string, string?> { ["Message.Text"] = "补充：另有三张卡在李某处。" }, formAction: HandlerButton(opened, "Reply")));
        Assert.Contains("补充：另有三张卡在李某处。", replied.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("您的留言已添加", replied.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracking_WithWrongKeyOrUnknownNumber_ShowsTheSameGenericMessage()
    {
        var client = NewClient();
        var (number, _) = Filing.ReadReceipt(await FormClient.ParseAsync(await Filing.PostAsync(client, Filing.ValidFields())));
        var tracker = NewClient();
        var page = await tracker.GetPageAsync("/Track");
        var wrongKey = await FormClient.ParseAsync(await tracker.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = "AAAAA-BBBBB-CCCCC-DDDDD",
        }));
        var unknown = await FormClient.ParseAsync(await tracker.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.TrackingNumber"] = "ZZZZZ-ZZZZZ", ["Input.AccessKey"] = "AAAAA-BBBBB-CCCCC-DDDDD",
        }));
        var message = wrongKey.QuerySelector(".validation-summary-errors")!.TextContent.Trim();
        Assert.Equal(message, unknown.QuerySelector(".validation-summary-errors")!.TextContent.Trim());
        Assert.Contains("不匹配", message, StringComparison.Ordinal);
        // Without a proven key the report page is not shown.
        var direct = await tracker.Http.GetAsync("/Track/Report");
        Assert.Equal(HttpStatusCode.Redirect, direct.StatusCode);
    }

    [Fact]
    public async Task ANumberAndKeyTypedInFullWidth_OpenTheReport_AndTheStaffSearchFindsIt()
    {
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient());
        // What a Chinese input method types: full-width letters and digits, a full-width dash, spaces between groups.
        static string FullWidth(string s) => new(s.Select(c => c == '-' ? '－' : c is >= '0' and <= '9' or >= 'A' and <= 'Z' ? (char)(c + 0xFEE0) : c).ToArray());
        var tracker = NewClient(followRedirects: true);
        var opened = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track", "zh-CN"), new Dictionary<string, string?>
        {
            ["Input.TrackingNumber"] = FullWidth(number), ["Input.AccessKey"] = key.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant(),
        }));
        Assert.Null(opened.QuerySelector(".validation-summary-errors"));
        Assert.Contains(number, opened.Body!.TextContent, StringComparison.Ordinal);

        var officer = await SignedInStaffAsync("county@example.org", Data.Roles.Officer, "周洁", "衡南县信访局", "430422");
        var found = await officer.GetPageAsync("/Staff?q=" + Uri.EscapeDataString(FullWidth(number)), "zh-CN");
        Assert.Contains(found.QuerySelectorAll("#queue a"), a => a.TextContent == number);
        Assert.NotEqual(Guid.Empty, id);
    }

    [Fact]
    public async Task ImageAttachment_IsStoredWithoutGpsOrCameraMetadata()
    {
        using var image = new MagickImage(MagickColors.Red, 64, 48) { Format = MagickFormat.Jpeg };
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "SecretPhoneMaker");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(26, 1), new Rational(53, 1), new Rational(0, 1)]);
        image.SetProfile(exif);
        var bytes = image.ToByteArray();
        Assert.Contains("SecretPhoneMaker", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);

        var files = new MultipartFormDataContent { { new ByteArrayContent(bytes), "Files", "../../etc/现场照片.jpeg" } };
        var receipt = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), Filing.ValidFields(), files));
        Assert.NotNull(receipt.QuerySelector("#access-key"));

        await using var scope = Factory.Service<IDbContextFactoryLike>().Open();
        var attachment = await scope.Db.Attachments.SingleAsync();
        Assert.Equal("现场照片.jpg", attachment.DisplayName);
        Assert.Equal("image/jpeg", attachment.ContentType);
        var stored = await File.ReadAllBytesAsync(Path.Combine(Factory.StorageFolder, attachment.StorageKey[..2], attachment.StorageKey));
        Assert.DoesNotContain("SecretPhoneMaker", System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        using var reread = new MagickImage(stored);
        Assert.Null(reread.GetExifProfile());
    }

    [Fact]
    public async Task WithdrawnReport_OffersNoFurtherActions()
    {
        var (number, key) = Filing.ReadReceipt(await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), Filing.ValidFields())));
        var tracker = NewClient(followRedirects: true);
        var opened = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
        var after = await WithdrawAsync(tracker, opened);
        Assert.Equal("已撤回", after.QuerySelector("#report-status")!.TextContent);
        // Nothing is left to do but end the session.
        Assert.Equal(["End"], after.QuerySelectorAll("main button[formaction*='handler=']")
            .Select(b => System.Text.RegularExpressions.Regex.Match(b.GetAttribute("formaction")!, "handler=([A-Za-z]+)").Groups[1].Value));
        Assert.DoesNotContain(after.Forms, f => (f.Action ?? "").Contains("handler=", StringComparison.Ordinal));
        Assert.Null(after.QuerySelector("#withdraw"));
        await using var scope = Factory.Service<IDbContextFactoryLike>().Open();
        Assert.Equal(ReportStatus.Withdrawn, (await scope.Db.Reports.SingleAsync()).Status);
    }

    /// <summary>Withdraw as the reporter does: the button leads to a page that asks, and only its button withdraws.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> WithdrawAsync(FormClient tracker, AngleSharp.Html.Dom.IHtmlDocument opened)
    {
        var confirm = await tracker.GetPageAsync(opened.QuerySelector("#withdraw")!.GetAttribute("href")!);
        Assert.Equal("确定撤回该举报吗？", confirm.QuerySelector("#confirm-title")!.TextContent);
        Assert.Null(confirm.QuerySelector("#timeline"));
        return await FormClient.ParseAsync(await tracker.SubmitAsync(confirm, new Dictionary<string, string?>(),
            formAction: HandlerButton(confirm, "Withdraw", "#confirm-withdrawal")));
    }

    [Fact]
    public async Task AReplyWithFiles_IsSaved_AndTheReporterCanReadWhatTheySentAndEndTheSession()
    {
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient(), files: new MultipartFormDataContent { { new ByteArrayContent("first evidence"u8.ToArray()), "Files", "first.txt" } });
        var tracker = NewClient(followRedirects: true);
        var opened = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track", "en"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
        var reply = HandlerButton(opened, "Reply");
        var replied = await FormClient.ParseAsync(await tracker.SubmitAsync(opened, new Dictionary<string, string?> { ["Message.Text"] = "Bank statements attached." },
            formAction: reply, extraContent: new MultipartFormDataContent { { new ByteArrayContent("bank statement"u8.ToArray()), "Files", "statement.txt" } }));
        Assert.Contains("Bank statements attached.", replied.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await Factory.QueryAsync(db => db.Attachments.CountAsync(a => a.ReportId == id)));

        // What they sent: the description, the people, and their own files, which download.
        Assert.Contains("已故老人的社保卡", replied.QuerySelector("#sent-description")!.TextContent, StringComparison.Ordinal);
        var files = replied.QuerySelectorAll("#own-files a").ToList();
        Assert.Equal(["first.txt", "statement.txt"], files.Select(a => a.TextContent).Order());
        var download = await tracker.Http.GetAsync(files.Single(a => a.TextContent == "statement.txt").GetAttribute("href"));
        Assert.Equal("bank statement", await download.Content.ReadAsStringAsync());
        Assert.Equal("Not decided yet", replied.QuerySelector("#decision")!.TextContent);

        // Ending the session: the page is gone from this browser until the number and key are given again.
        var ended = await FormClient.ParseAsync(await tracker.SubmitAsync(replied, new Dictionary<string, string?>(),
            formAction: HandlerButton(replied, "End")));
        Assert.StartsWith("The session has ended", ended.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);
        var again = await tracker.Http.GetAsync($"/Track/Report?id={id}");
        Assert.EndsWith("/Track", again.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_WhileTheSystemSavesTheReport_StillWithdrawsIt()
    {
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var tracker = NewClient(followRedirects: true);
        var opened = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
        // After the withdraw request has loaded the report and before it saves, the system saves the report
        // (as the triage job or the deadline sweep would): the reporter's withdrawal must still happen.
        Factory.BeforeSave.Once(() => Factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE reports SET \"Priority\" = \"Priority\" + 1 WHERE \"Id\" = {id}")));
        var after = await WithdrawAsync(tracker, opened);
        Assert.Equal("已撤回", after.QuerySelector("#report-status")!.TextContent);
        Assert.Equal(ReportStatus.Withdrawn, await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Report_IsStoredWhole_OrNotAtAll()
    {
        // The report, its people and its first event reach PostgreSQL as one batch in one implicit transaction:
        // when the people's row is refused, the report already inserted in the same batch must go too.
        await Factory.AsOwnerAsync("""
            CREATE FUNCTION test_refuse_person() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER test_refuse_person BEFORE INSERT ON report_people FOR EACH ROW EXECUTE FUNCTION test_refuse_person();
            """);
        try
        {
            var response = await Filing.PostAsync(NewClient(), Filing.ValidFields());
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("id=\"tracking-number\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("refused by the test", page, StringComparison.Ordinal);
            Assert.Equal(0, await Factory.QueryAsync(db => db.Reports.CountAsync()));
            Assert.Equal(0, await Factory.QueryAsync(db => db.ReportEvents.CountAsync()));
        }
        finally
        {
            await Factory.AsOwnerAsync("DROP TRIGGER test_refuse_person ON report_people; DROP FUNCTION test_refuse_person();");
        }
    }

    [Fact]
    public async Task KindSwitchedOff_LeavesTheFormWithinAMinute_AndIsRefusedWithAMessage()
    {
        var client = NewClient();
        Assert.NotNull((await client.GetPageAsync("/Report")).QuerySelector("select[name='Input.KindCode'] option[value='medical-insurance']"));
        await Factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE report_kinds SET \"Enabled\" = false WHERE \"Code\" = 'medical-insurance'"));
        try
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(61));
            Assert.Null((await client.GetPageAsync("/Report")).QuerySelector("select[name='Input.KindCode'] option[value='medical-insurance']"));
            var fields = Filing.ValidFields();
            fields["Input.KindCode"] = "medical-insurance";
            var page = await FormClient.ParseAsync(await Filing.PostAsync(client, fields));
            Assert.Equal("填写的值无效。", Filing.ErrorFor(page, "Input.KindCode"));
            Assert.Equal(0, await Factory.QueryAsync(db => db.Reports.CountAsync()));
        }
        finally
        {
            await Factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE report_kinds SET \"Enabled\" = true WHERE \"Code\" = 'medical-insurance'"));
        }
    }
}

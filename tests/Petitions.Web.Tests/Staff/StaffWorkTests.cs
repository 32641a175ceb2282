using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Staff;

public sealed class StaffWorkTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Officers_SeeOnlyTheirJurisdictions_AndNeverAReportTheyAreExcludedFrom()
    {
        var county = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var province = await SignedInStaffAsync("province@example.org", Roles.Officer, "孙立", "湖南省人社厅", "430000");
        var guangdong = await SignedInStaffAsync("gd@example.org", Roles.Officer, "何伟", "广东省人社厅", "440000");
        var excluded = await SignedInStaffAsync("li@example.org", Roles.Officer, "李明", "衡南县人社局", "430422");
        var (id, number, _) = await Filing.FileAndTriageAsync(Factory, NewClient());

        foreach (var (client, sees) in new[] { (county, true), (province, true), (guangdong, false), (excluded, false) })
        {
            var queue = await client.GetPageAsync("/Staff");
            Assert.Equal(sees, queue.QuerySelectorAll("#queue a").Any(a => a.TextContent == number));
            var search = await client.GetPageAsync("/Staff?q=" + Uri.EscapeDataString("已故老人"));
            Assert.Equal(sees, search.QuerySelectorAll("#queue a").Any(a => a.TextContent == number));
            var direct = await client.Http.GetAsync($"/Staff/Report/{id}");
            Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, direct.StatusCode);
            var download = await client.Http.GetAsync($"/Staff/Report/{id}?handler=Download&file={Guid.NewGuid()}");
            Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        }
        // A citizen is refused the staff pages altogether.
        await Factory.CreateUserAsync("citizen@example.org", "Citizen-Pass-1", Roles.Citizen);
        var citizen = NewClient();
        await citizen.SignInAsync("citizen@example.org", "Citizen-Pass-1");
        var refused = await citizen.Http.GetAsync($"/Staff/Report/{id}");
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptingAReportNobodyHolds_NamesTheOfficerAsItsHandler()
    {
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());

        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "zh-CN");
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "Accept")));
        Assert.Equal("周洁 · 衡南县信访局", page.QuerySelector("#assignee")!.TextContent);
        Assert.Null(page.QuerySelector("form[data-action='Claim']"));
    }

    [Fact]
    public async Task AnOfficerWorksAnAnonymousReport_AndTheReporterSeesTheMessageAndStatus()
    {
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient());

        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "zh-CN");
        Assert.NotEmpty(page.QuerySelectorAll("#priority-items li"));
        Assert.Equal("尚未分配", page.QuerySelector("#assignee")!.TextContent);
        foreach (var action in new[] { "Claim", "Accept", "StartVerification" })
        {
            page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, action)));
        }
        Assert.Equal("核查中", page.QuerySelector("#report-status")!.TextContent);
        // Staff see who has the report and who did each step.
        Assert.Equal("周洁 · 衡南县信访局", page.QuerySelector("#assignee")!.TextContent);
        Assert.Contains("— 周洁", page.QuerySelector("#timeline li[data-kind=StatusChanged]")!.TextContent, StringComparison.Ordinal);

        // A finding needs its fields: the message sits by the form, nothing changes.
        var missing = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Finding"] = "" }, formAction: ActionOf(page, "RecordFinding")));
        Assert.NotNull(Filing.ErrorFor(missing, "Input.Finding"));
        Assert.Equal("核查中", missing.QuerySelector("#report-status")!.TextContent);

        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Text"] = "请提供取款的具体时间。" }, formAction: $"/Staff/Report/{id}?handler=Message"));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Note"] = "内部：与信用社核对流水。" }, formAction: $"/Staff/Report/{id}?handler=Note"));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Finding"] = "Verified", ["Input.Text"] = "经核查属实。" }, formAction: ActionOf(page, "RecordFinding")));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Text"] = "经核查，反映的问题属实，已追回资金。" }, formAction: ActionOf(page, "Close")));
        Assert.Equal("已办结并反馈", page.QuerySelector("#report-status")!.TextContent);
        Assert.NotNull(page.QuerySelector("#timeline li.note-internal"));

        var tracker = NewClient(followRedirects: true);
        var track = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
        Assert.Equal("已办结并反馈", track.QuerySelector("#report-status")!.TextContent);
        var timeline = track.QuerySelector("#timeline")!.TextContent;
        Assert.Contains("请提供取款的具体时间。", timeline, StringComparison.Ordinal);
        Assert.Contains("已追回资金", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("与信用社核对流水", timeline, StringComparison.Ordinal);
        // The reporter sees roles, never staff names.
        Assert.DoesNotContain("周洁", track.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("— 办理单位", timeline, StringComparison.Ordinal);

        var audited = await Factory.QueryAsync(db => db.AuditEntries.Where(a => a.ReportId == id).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditAction.ViewReport, audited);
        Assert.True(audited.Count(a => a == AuditAction.ReportAction) >= 7);
    }

    [Fact]
    public async Task TwoOfficersOnOneReport_TheStalePageIsRefused_AndNothingIsOverwritten()
    {
        var a = await SignedInStaffAsync("a@example.org", Roles.Officer, "甲", "衡南县信访局", "430422");
        var b = await SignedInStaffAsync("b@example.org", Roles.Officer, "乙", "衡南县信访局", "430422");
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var pageA = await a.GetPageAsync($"/Staff/Report/{id}", "en");
        var pageB = await b.GetPageAsync($"/Staff/Report/{id}", "en");
        await a.SubmitAsync(pageA, new Dictionary<string, string?>(), formAction: ActionOf(pageA, "Claim"));
        var stale = await FormClient.ParseAsync(await b.SubmitAsync(pageB, new Dictionary<string, string?> { ["Input.Reason"] = "重复举报" }, formAction: ActionOf(pageB, "Decline")));
        Assert.Contains("Someone else changed this report", stale.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        var report = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id));
        Assert.Equal(Core.Reports.ReportStatus.Submitted, report.Status);
        Assert.Equal((await Factory.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "a@example.org"))).Id, report.AssigneeId);
    }

    [Fact]
    public async Task ARealNameReportersIdentity_TakesAReasonAndASecondPersonsApproval_AndTheReporterIsTold()
    {
        var files = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Pdf("evidence")), "Files", "<script>证据.pdf" } };
        var (id, number, key) = await FileRealNameAsync("王小明", "11010519491231002X", "138 0000 1234", files);
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var supervisor = await SignedInStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");

        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        Assert.DoesNotContain("王小明", page.Body!.TextContent, StringComparison.Ordinal);
        var noReason = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Reason"] = "" }, formAction: $"/Staff/Report/{id}?handler=RevealRequest"));
        Assert.Equal("Give the reason; a supervisor reads it before deciding.", Filing.ErrorFor(noReason, "Input.Reason"));
        var asked = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Reason"] = "需要联系举报人补充材料" }, formAction: $"/Staff/Report/{id}?handler=RevealRequest"));
        Assert.StartsWith("Your request has been sent", asked.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);
        Assert.Null(asked.QuerySelector("#revealed"));
        // The requester cannot approve their own request; the supervisor sees it with its reason and approves.
        Assert.Null(asked.QuerySelector("#disclosures form"));
        var sup = await supervisor.GetPageAsync($"/Staff/Report/{id}", "en");
        Assert.Contains("需要联系举报人补充材料", sup.QuerySelector("#disclosures")!.TextContent, StringComparison.Ordinal);
        var decided = await FormClient.ParseAsync(await supervisor.SubmitAsync(sup, new Dictionary<string, string?> { ["approve"] = "true" },
            formAction: HandlerButton(sup, "RevealDecide", "#disclosures")));
        Assert.StartsWith("Approved.", decided.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);
        Assert.Null(decided.QuerySelector("#revealed"));

        var shown = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        Assert.Equal("王小明", shown.QuerySelector("#revealed-name")!.TextContent);
        // In staff words, not the reporter's ("your name", "optional"): on the identity box and on the timeline.
        Assert.Equal(["Reporter's name", "ID number", "Phone", "Email"], shown.QuerySelectorAll("#revealed dt").Select(dt => dt.TextContent));
        Assert.Contains("disclosed to the officer who asked", shown.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("11010519491231002X", shown.QuerySelector("#revealed")!.TextContent, StringComparison.Ordinal);
        var audit = await Factory.QueryAsync(db => db.AuditEntries.Where(a => a.ReportId == id).Select(a => new { a.Action, a.ActorId }).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditAction.RevealRequested);
        Assert.Contains(audit, a => a.Action == AuditAction.RevealDecided);
        Assert.Contains(audit, a => a.Action == AuditAction.RevealIdentity);

        // The reporter sees on their page that their identity was disclosed.
        var tracker = NewClient(followRedirects: true);
        var track = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track", "en"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
        Assert.Contains("Your identity was disclosed to the unit handling your report", track.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);

        // The attachment downloads as an attachment with a safe name, never rendered.
        var link = page.QuerySelector("#attachments a")!.GetAttribute("href")!;
        var download = await officer.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.DoesNotContain("<", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(await Factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Download && a.ReportId == id)));
    }

    [Fact]
    public async Task ASupervisorReassigns_AndApprovesAnExtensionOnce_WhichAnOfficerCannot()
    {
        var officer = await SignedInStaffAsync("a@example.org", Roles.Officer, "甲", "衡南县信访局", "430422");
        await Factory.CreateStaffAsync("b@example.org", Roles.Officer, "乙", "衡南县信访局", "430422");
        var supervisor = await SignedInStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());

        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        Assert.Null(page.QuerySelector("form[data-action='Assign']"));
        foreach (var action in new[] { "Claim", "Accept" })
        {
            page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, action)));
        }
        // An officer posting the supervisor's action by hand is refused with a message, and nothing changes.
        var token = FormClient.FieldsOf(page.Forms.First(f => f.GetAttribute("data-action") == "StartVerification"));
        token.Add(new("Input.AssigneeId", (await Factory.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "b@example.org"))).Id.ToString()));
        var forged = await FormClient.ParseAsync(await officer.Http.PostAsync(new Uri($"/Staff/Report/{id}?act=Assign&handler=Act", UriKind.Relative), new FormUrlEncodedContent(token)));
        Assert.Contains("You cannot take this action", forged.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((await Factory.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "a@example.org"))).Id,
            (await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id))).AssigneeId);
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page,
            new Dictionary<string, string?> { ["Input.Reason"] = "需要调取五年的银行流水", ["Input.Days"] = "30" }, formAction: ActionOf(page, "RequestExtension")));

        var sup = await supervisor.GetPageAsync($"/Staff/Report/{id}", "en");
        Assert.Equal("30 more days requested.", sup.QuerySelector("#extension-requested")!.TextContent);
        Assert.Contains("需要调取五年的银行流水", sup.QuerySelector("#extension-reason")!.TextContent, StringComparison.Ordinal);
        // The supervisor picks from those who may take the report, each with their open reports; an outsider posted by hand is refused.
        var options = sup.QuerySelectorAll("#assignee option").Skip(1).Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains("甲 · 衡南县信访局 (1 open)", options);
        Assert.Contains("乙 · 衡南县信访局 (0 open)", options);
        var outsider = await Factory.CreateStaffAsync("gd@example.org", Roles.Officer, "何伟", "广东省人社厅", "440000");
        var wrongPerson = await FormClient.ParseAsync(await supervisor.SubmitAsync(sup, new Dictionary<string, string?> { ["Input.AssigneeId"] = outsider.Id.ToString() }, formAction: ActionOf(sup, "Assign")));
        Assert.StartsWith("Choose a person from the list", Filing.ErrorFor(wrongPerson, "Input.AssigneeId"), StringComparison.Ordinal);
        var b = (await Factory.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "b@example.org"))).Id;
        sup = await FormClient.ParseAsync(await supervisor.SubmitAsync(wrongPerson, new Dictionary<string, string?> { ["Input.AssigneeId"] = b.ToString() }, formAction: ActionOf(wrongPerson, "Assign")));
        Assert.Equal("Assigned to 乙.", sup.QuerySelector("#notice")!.TextContent);
        var before = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id));
        sup = await FormClient.ParseAsync(await supervisor.SubmitAsync(sup, new Dictionary<string, string?>(), formAction: ActionOf(sup, "ApproveExtension")));
        var after = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id));
        Assert.Equal((await Factory.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "b@example.org"))).Id, after.AssigneeId);
        Assert.Equal(30, after.ExtensionDays);
        Assert.Equal(before.ConclusionDueAt!.Value.AddDays(30), after.ConclusionDueAt);

        // Approved, the decision is no longer offered; a second approval posted anyway is refused and changes nothing.
        Assert.Equal("Extension approved; the reporter sees the new deadline.", sup.QuerySelector("#notice")!.TextContent);
        Assert.Null(sup.QuerySelector("form[data-action='ApproveExtension']"));
        var fields = FormClient.FieldsOf(sup.Forms.First(f => f.GetAttribute("data-action") == "Assign"));
        var second = await FormClient.ParseAsync(await supervisor.Http.PostAsync(new Uri($"/Staff/Report/{id}?act=ApproveExtension&handler=Act", UriKind.Relative), new FormUrlEncodedContent(fields)));
        Assert.Contains("You cannot take this action", second.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(after.ConclusionDueAt, (await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id))).ConclusionDueAt);
    }

    [Fact]
    public async Task TheSameNoteOrMessagePostedTwice_IsSavedOnce_AndAControlCharacterIsExplainedWithTheTextKept()
    {
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        foreach (var (handler, field, text) in new[] { ("Note", "Input.Note", "内部：与信用社核对流水。"), ("Message", "Input.Text", "请提供取款的具体时间。") })
        {
            // A double click, or back and post again: the same form, twice.
            var first = await officer.SubmitAsync(page, new Dictionary<string, string?> { [field] = text }, formAction: $"/Staff/Report/{id}?handler={handler}");
            var second = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { [field] = text }, formAction: $"/Staff/Report/{id}?handler={handler}"));
            Assert.True(first.IsSuccessStatusCode);
            Assert.StartsWith("This was saved already", second.QuerySelector("#notice")!.TextContent, StringComparison.Ordinal);
            Assert.Single(second.QuerySelectorAll("#timeline li"), li => li.TextContent.Contains(text, StringComparison.Ordinal));
        }

        var fresh = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        var refused = await FormClient.ParseAsync(await officer.SubmitAsync(fresh, new Dictionary<string, string?> { ["Input.Note"] = "核对\0流水\u0007记录" }, formAction: $"/Staff/Report/{id}?handler=Note"));
        Assert.StartsWith("This text contained invisible control characters.", Filing.ErrorFor(refused, "Input.Note"), StringComparison.Ordinal);
        Assert.Equal("核对流水记录", refused.QuerySelector("#Input_Note")!.TextContent);
        Assert.DoesNotContain(await Factory.QueryAsync(db => db.Set<Core.Reports.ReportEvent>().Where(e => e.ReportId == id).Select(e => e.Body).ToListAsync()), b => b == "核对流水记录");
        // Sent again as shown, it is saved.
        var saved = await FormClient.ParseAsync(await officer.SubmitAsync(refused, new Dictionary<string, string?>(), formAction: $"/Staff/Report/{id}?handler=Note"));
        Assert.Equal("The internal note has been added.", saved.QuerySelector("#notice")!.TextContent);
    }

    [Fact]
    public async Task TheCaseFile_HoldsTheReportTimelineNotesFilesAndAudit_ButNotTheReportersIdentity_AndIsAudited()
    {
        await Factory.CreateUserAsync("wang@example.org", "Citizen-Pass-1", Roles.Citizen);
        var citizen = NewClient(followRedirects: true);
        await citizen.SignInAsync("wang@example.org", "Citizen-Pass-1");
        var fields = Filing.ValidFields();
        fields["Input.Anonymous"] = "false";
        fields["Input.ReporterName"] = "王小明";
        var files = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Pdf("bank statement")), "Files", "流水.pdf" } };
        var (id, number, _) = await Filing.FileAndTriageAsync(Factory, citizen, fields, files);
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "Claim")));
        await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Note"] = "内部：与信用社核对流水。" }, formAction: $"/Staff/Report/{id}?handler=Note");

        page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        var caseFile = await officer.GetPageAsync(page.QuerySelector("#case-file")!.GetAttribute("href")!, "en");
        Assert.Equal($"Case file {number}", caseFile.QuerySelector("h1")!.TextContent);
        var timeline = caseFile.QuerySelector("#case-timeline")!.TextContent;
        Assert.Contains("内部：与信用社核对流水。", timeline, StringComparison.Ordinal);
        Assert.Contains("周洁", timeline, StringComparison.Ordinal);
        Assert.Contains("Viewed a report", caseFile.QuerySelector("#case-audit")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("王小明", caseFile.Body!.TextContent, StringComparison.Ordinal);

        var zip = await officer.Http.GetAsync(caseFile.QuerySelector("#case-file-zip")!.GetAttribute("href"));
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);
        using var archive = new System.IO.Compression.ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.Equal(["attachments/流水.pdf", "case-file.json", "case-file.txt"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using (var reader = new StreamReader(archive.GetEntry("case-file.json")!.Open()))
        {
            var json = await reader.ReadToEndAsync();
            Assert.Contains(number, json, StringComparison.Ordinal);
            Assert.Contains("内部：与信用社核对流水。", json, StringComparison.Ordinal);
            Assert.DoesNotContain("王小明", json, StringComparison.Ordinal);
        }
        using (var pdf = new StreamReader(archive.GetEntry("attachments/流水.pdf")!.Open()))
        {
            Assert.Contains("(bank statement) Tj", await pdf.ReadToEndAsync(), StringComparison.Ordinal);
        }
        Assert.True(await Factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.ReportId == id && a.Action == AuditAction.Download && a.Detail == "case file zip")));
        // In Chinese, the audit lines read in Chinese (the claim, the case file opened) and the description is rendered.
        var zh = await officer.GetPageAsync(page.QuerySelector("#case-file")!.GetAttribute("href")!, "zh-CN");
        var audit = zh.QuerySelector("#case-audit")!.TextContent;
        Assert.Contains("认领", audit, StringComparison.Ordinal);
        Assert.Contains("案卷页面", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("Claim", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("case file", audit, StringComparison.Ordinal);
        Assert.NotNull(zh.QuerySelector("#case-description p"));
        // Outside the jurisdiction, there is no case file.
        var other = await SignedInStaffAsync("gd@example.org", Roles.Officer, "何伟", "广东省人社厅", "440000");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/Staff/Report/{id}/CaseFile?handler=Zip")).StatusCode);
    }

    [Fact]
    public async Task AnAdminsTemplate_IsOfferedForReportsInItsLanguage_AndFillsTheNumberDeadlineAndStatus()
    {
        var admin = await AdminAsync();
        var templates = await admin.GetPageAsync("/Admin/Templates", "en");
        var saved = await FormClient.ParseAsync(await admin.SubmitAsync(templates, new Dictionary<string, string?>
        {
            ["Input.Name"] = "催办说明", ["Input.Culture"] = "zh-CN", ["Input.Body"] = "举报 {number} 当前状态：{status}，将{deadline}办结。", ["Input.Enabled"] = "true",
        }, formAction: "/Admin/Templates?handler=Save"));
        Assert.Contains("催办说明", saved.QuerySelector("#templates")!.TextContent, StringComparison.Ordinal);
        Assert.True(await Factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.RuleChanged && a.Detail.Contains("MessageTemplate"))));

        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var (id, number, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        var offered = page.QuerySelectorAll("#template option").Select(o => o.TextContent).ToList();
        Assert.Contains("催办说明", offered);
        Assert.DoesNotContain("Ask for more evidence", offered);
        var chosen = page.QuerySelectorAll("#template option").Single(o => o.TextContent == "催办说明").GetAttribute("value");
        var filled = await officer.GetPageAsync($"/Staff/Report/{id}?template={chosen}", "en");
        var text = filled.QuerySelector("#message-text")!.TextContent.Trim();
        Assert.StartsWith($"举报 {number} 当前状态：已提交，将", text, StringComparison.Ordinal);
        Assert.Matches("将\\d{4}年\\d{1,2}月\\d{1,2}日.*办结。$", text);
        var sent = await FormClient.ParseAsync(await officer.SubmitAsync(filled, new Dictionary<string, string?>(), formAction: $"/Staff/Report/{id}?handler=Message"));
        Assert.Equal("Your message has been sent to the reporter.", sent.QuerySelector("#notice")!.TextContent);

        // The seeded Chinese templates read as a letter does: "（含当日）前给出", never "前前".
        foreach (var seeded in new[] { "已受理说明", "请求补充材料" })
        {
            var value = page.QuerySelectorAll("#template option").Single(o => o.TextContent == seeded).GetAttribute("value");
            var body = (await officer.GetPageAsync($"/Staff/Report/{id}?template={value}", "en")).QuerySelector("#message-text")!.TextContent;
            Assert.Contains("（含当日）前", body, StringComparison.Ordinal);
            Assert.DoesNotContain("前前", body, StringComparison.Ordinal);
        }
    }
}

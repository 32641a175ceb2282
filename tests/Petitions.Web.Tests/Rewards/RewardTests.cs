using Microsoft.EntityFrameworkCore;
using Petitions.Core.Rewards;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Rewards;

/// <summary>
/// A reward as the people involved meet it, through the real forms: an anonymous report in Hubei concluded as true
/// with 1,234,567 yuan recovered; the officer proposes 24,691.34 (2 %), the officer cannot approve it, a second
/// supervisor does and the numbered notice appears on /Track; the reporter claims with number and key (a wrong
/// identity number refused beside its field, the rest kept); the paying office sees the claim only once a second
/// supervisor approved, records the payment, and the reporter sees it paid. A later report on the same matter is
/// refused as not the first reporter; a claim after the last day is refused with the date.
/// </summary>
public sealed class RewardTests(PetitionsFactory factory) : WebTest(factory)
{
    public override Task DisposeAsync() => Staff.AuditRefusal.RestoreAsync(Factory);

    private static Dictionary<string, string?> Hubei(string description = "江岸区社保所工作人员持有多张已故老人的社保卡，每月按时取款，已持续数年。")
    {
        var fields = Filing.ValidFields(description);
        (fields["Input.ProvinceCode"], fields["Input.CityCode"], fields["Input.CountyCode"]) = ("420000", "420100", "420102");
        fields["Input.People[0].Unit"] = "江岸区社保所";
        return fields;
    }

    /// <summary>Accepts, verifies and closes the report as true, with the money recovered.</summary>
    private static async Task ConcludeAsync(FormClient officer, Guid id, string recovered)
    {
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "zh-CN");
        foreach (var action in new[] { "Claim", "Accept", "StartVerification" })
        {
            page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, action)));
        }
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Finding"] = "Verified", ["Input.Text"] = "经核查属实。" }, formAction: ActionOf(page, "RecordFinding")));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.MoneyStopped"] = "0", ["Input.MoneyRecovered"] = recovered, ["Input.PeopleSanctioned"] = "1", ["Input.PeopleReferred"] = "0",
        }, formAction: ActionOf(page, "RecordOutcome")));
        await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Text"] = "经查属实，已追回资金。" }, formAction: ActionOf(page, "Close"));
    }

    private async Task<FormClient> TrackAsync(string number, string key, string language = "zh-CN")
    {
        var tracker = NewClient(followRedirects: true);
        await tracker.SubmitAsync(await tracker.GetPageAsync("/Track", language), new Dictionary<string, string?>
        {
            ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key,
        });
        return tracker;
    }

    private static string Reward(Guid id) => $"/Staff/Report/{id}/Reward";

    [Fact]
    public async Task AnAnonymousReportConcludedTrueInHubei_IsRewarded24691Point34_ClaimedAnonymously_SeenByTwo_AndPaid()
    {
        var officer = await SignedInStaffAsync("officer@example.org", Roles.Officer, "周洁", "江岸区人社局", "420102");
        var approver = await SignedInStaffAsync("approver@example.org", Roles.Supervisor, "吴刚", "湖北省人社厅", "420000");
        var payer = await SignedInStaffAsync("payer@example.org", Roles.Supervisor, "钱英", "湖北省社保基金监督处", "420000");
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient(), Hubei());
        await ConcludeAsync(officer, id, "1234567");

        // The case page leads to the reward; the portal proposes 2 % of the money recovered.
        var report = await officer.GetPageAsync($"/Staff/Report/{id}", "zh-CN");
        Assert.Equal(Reward(id), report.QuerySelector("#reward-link")!.GetAttribute("href"));
        var page = await officer.GetPageAsync(Reward(id), "zh-CN");
        Assert.Equal("系统建议：符合奖励条件，奖励 ¥24,691.34（按查实损失 ¥1,234,567.00 计算）。", page.QuerySelector("#reward-suggested")!.TextContent.Trim());
        Assert.Contains("鄂人社发〔2022〕51号", page.QuerySelector("#reward-rule")!.TextContent, StringComparison.Ordinal);

        // A loss typed wrong is refused beside its field, what was typed kept.
        var refused = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Reward.Loss"] = "一百万" }, HandlerButton(page, "Propose")));
        Assert.Equal("请输入不小于 0 的损失金额（元），如 1234567.00。", Filing.ErrorFor(refused, "Reward.Loss"));
        Assert.Equal("一百万", refused.QuerySelector("#Reward_Loss")!.GetAttribute("value"));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(refused, new Dictionary<string, string?> { ["Reward.Loss"] = "1,234,567.00" }, HandlerButton(refused, "Propose")));
        Assert.Equal("已提出奖励意见，待另一名负责人审批。", page.QuerySelector("#notice")!.TextContent.Trim());
        Assert.Equal("¥24,691.34：查实损失 ¥1,234,567.00 的 2%（按比例计算）。", page.QuerySelector("#reward-amount")!.TextContent.Trim());

        // The proposer has no approval form, and a post of it anyway is refused: two people means two people.
        Assert.Null(page.QuerySelector("#decide-form"));
        var selfApproval = await FormClient.ParseAsync(await officer.Http.PostAsync($"{Reward(id)}?handler=Decide&approve=true",
            new FormUrlEncodedContent(FormClient.FieldsOf(page.Forms.First(f => f.Id == "propose-form")).Where(f => f.Key == "__RequestVerificationToken"))));
        Assert.Contains("此事项须由另一人决定", selfApproval.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(RewardStatus.Proposed, await Factory.QueryAsync(db => db.Rewards.Select(r => r.Status).SingleAsync()));

        // An administrator of the province (who manages accounts) is not a second person either, even by a forged post.
        var admin = await SignedInStaffAsync("hbadmin@example.org", Roles.Admin, "管理员", "湖北省人社厅", "420000");
        var adminPage = await admin.GetPageAsync(Reward(id), "zh-CN");
        Assert.Null(adminPage.QuerySelector("#decide-form"));
        var adminApproval = await FormClient.ParseAsync(await admin.Http.PostAsync($"{Reward(id)}?handler=Decide&approve=true",
            new FormUrlEncodedContent(FormClient.FieldsOf(adminPage.Forms.First(f => f.Id == "propose-form")).Where(f => f.Key == "__RequestVerificationToken"))));
        Assert.Contains("此事项须由另一人决定", adminApproval.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(RewardStatus.Proposed, await Factory.QueryAsync(db => db.Rewards.Select(r => r.Status).SingleAsync()));

        // A second supervisor finds it among the rewards to act on, with the day the reporter must be told, and approves:
        // the numbered notice is issued to the reporter.
        var todo = await approver.GetPageAsync("/Staff/Rewards", "zh-CN");
        var row = todo.QuerySelector($"#rewards tr[data-report='{number}']")!;
        Assert.Equal(("待第二人审批", "¥24,691.34"), (row.QuerySelectorAll("td")[1].TextContent.Trim(), row.QuerySelectorAll("td")[2].TextContent.Trim()));
        Assert.StartsWith("应于 ", row.QuerySelectorAll("td")[3].TextContent.Trim(), StringComparison.Ordinal);
        var decide = await approver.GetPageAsync(row.QuerySelector("a")!.GetAttribute("href")!, "zh-CN");
        var approved = await FormClient.ParseAsync(await approver.SubmitAsync(decide, new Dictionary<string, string?>(), HandlerButton(decide, "Decide")));
        Assert.Equal("已批准，举报奖励告知书已发出。", approved.QuerySelector("#notice")!.TextContent.Trim());
        var notice = await Factory.QueryAsync(db => db.FormalNotices.SingleAsync(n => n.ReportId == id && n.Kind == Core.Notices.NoticeKind.RewardGranted));
        Assert.StartsWith("奖励〔", notice.Number, StringComparison.Ordinal);
        Assert.Contains("**24,691.34 元**", notice.Body, StringComparison.Ordinal);

        // The reporter, with number and key, reads the notice and claims.
        var tracker = await TrackAsync(number, key);
        var track = await tracker.GetPageAsync("/Track/Report", "zh-CN");
        Assert.StartsWith("已决定给予您奖励 ¥24,691.34", track.QuerySelector("#reward-status")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains(track.QuerySelectorAll("#notices a"), a => a.TextContent.Contains("举报奖励告知书", StringComparison.Ordinal));
        var claim = await tracker.GetPageAsync(track.QuerySelector("#reward-claim-link")!.GetAttribute("href")!, "zh-CN");
        var badClaim = await FormClient.ParseAsync(await tracker.SubmitAsync(claim, new Dictionary<string, string?>
        {
            ["Claim.Name"] = "李秀兰", ["Claim.IdNumber"] = "420102198001011234", ["Claim.Bank"] = "中国农业银行武汉江岸支行", ["Claim.Account"] = "6228 4800 1234 5678 901",
        }));
        // Every problem at once, beside its field: the identity number, and the declaration not made.
        Assert.Equal("请确认上述声明；负有基金监管、经办或受托职责，或举报事项涉及本人利益的，不能领取奖励。", Filing.ErrorFor(badClaim, "Claim.Declared"));
        Assert.Equal("请输入有效的 18 位身份证号码。", Filing.ErrorFor(badClaim, "Claim.IdNumber"));
        Assert.Equal("6228 4800 1234 5678 901", badClaim.QuerySelector("#Claim_Account")!.GetAttribute("value"));
        var idNumber = Core.Reports.ChineseIdNumber.Complete("42010219800101123");
        var claimed = await FormClient.ParseAsync(await tracker.SubmitAsync(badClaim, new Dictionary<string, string?> { ["Claim.IdNumber"] = idNumber, ["Claim.Declared"] = "true" }));
        Assert.StartsWith("申领已提交", claimed.QuerySelector("[role=status]")!.TextContent.Trim(), StringComparison.Ordinal);

        // A copy of the database holds none of it in clear; the audit entry names no one.
        var dump = await Factory.Database.DumpAsync();
        foreach (var secret in new[] { "李秀兰", idNumber, "6228480012345678901", "中国农业银行武汉江岸支行" })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
        }
        Assert.Equal(1, await Factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Detail == "reward claimed" && a.ActorId == null)));

        // The paying office finds the claim among the rewards to act on, asks; it cannot approve its own request; the
        // approver does; only the one who asked sees it.
        todo = await payer.GetPageAsync("/Staff/Rewards", "zh-CN");
        Assert.Equal("待发放部门申请查看申领信息", todo.QuerySelector($"#rewards tr[data-report='{number}'] td:nth-of-type(2)")!.TextContent.Trim());
        page = await payer.GetPageAsync(Reward(id), "zh-CN");
        page = await FormClient.ParseAsync(await payer.SubmitAsync(page, new Dictionary<string, string?>(), $"{Reward(id)}?handler=Reveal"));
        Assert.Null(page.QuerySelector("#approve-reveal-form"));
        // The asker approving their own request by a forged post is refused, and nothing is shown.
        var ownApproval = await FormClient.ParseAsync(await payer.Http.PostAsync($"{Reward(id)}?handler=ApproveReveal",
            new FormUrlEncodedContent(page.Forms.SelectMany(FormClient.FieldsOf).Where(f => f.Key == "__RequestVerificationToken").Take(1))));
        Assert.Contains("此事项须由另一人决定", ownApproval.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await Factory.QueryAsync(db => db.Rewards.Select(r => r.RevealApprovedById).SingleAsync()));
        Assert.Null(page.QuerySelector("#see-claim-form"));
        page = await approver.GetPageAsync(Reward(id), "zh-CN");
        await approver.SubmitAsync(page, new Dictionary<string, string?>(), $"{Reward(id)}?handler=ApproveReveal");
        Assert.Null((await approver.GetPageAsync(Reward(id), "zh-CN")).QuerySelector("#see-claim-form"));
        page = await payer.GetPageAsync(Reward(id), "zh-CN");
        Assert.Null(page.QuerySelector("#claim"));
        var shown = await FormClient.ParseAsync(await payer.SubmitAsync(page, new Dictionary<string, string?>(), $"{Reward(id)}?handler=Claim"));
        Assert.Equal(["李秀兰", idNumber, "中国农业银行武汉江岸支行", "6228480012345678901"], shown.QuerySelectorAll("#claim dd").Select(d => d.TextContent.Trim()));
        Assert.Equal(1, await Factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Detail == "reward claim shown")));

        // The payment: more than the reward is refused beside the amount; then recorded.
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().AddHours(8).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var over = await FormClient.ParseAsync(await payer.SubmitAsync(shown, new Dictionary<string, string?>
        {
            ["Payment.PaidOn"] = today, ["Payment.Reference"] = "HB-2026-0001", ["Payment.Amount"] = "24691.35",
        }, HandlerButton(shown, "Pay")));
        Assert.Equal("请输入发放金额：大于 0 且不超过奖励金额。", Filing.ErrorFor(over, "Payment.Amount"));
        Assert.Equal("HB-2026-0001", over.QuerySelector("#Payment_Reference")!.GetAttribute("value"));
        var paid = await FormClient.ParseAsync(await payer.SubmitAsync(over, new Dictionary<string, string?> { ["Payment.Amount"] = "24691.34" }, HandlerButton(over, "Pay")));
        Assert.Equal("已登记发放，举报人可在查询页面看到。", paid.QuerySelector("#notice")!.TextContent.Trim());

        // The reporter sees it paid.
        track = await tracker.GetPageAsync("/Track/Report", "zh-CN");
        Assert.Equal($"已发放：¥24,691.34，发放日期 {today}，凭证号 HB-2026-0001。", track.QuerySelector("#reward-status")!.TextContent.Trim());

        // Oversight of Hubei reads it among the rewards: granted, claimed and paid, with the sums.
        var auditor = await SignedInStaffAsync("auditor@example.org", Roles.Oversight, "审计员", "湖北省审计厅", "420000");
        var oversight = await auditor.GetPageAsync("/Oversight?region=420000", "zh-CN");
        string Total(string key) => oversight.QuerySelector($"#rewards-table tr[data-key='{key}'] td:last-child")!.TextContent.Trim();
        Assert.Equal(("1 · ¥24,691.34", "1 · ¥24,691.34", "1 · ¥24,691.34", "0"), (Total("Granted"), Total("Claimed"), Total("Paid"), Total("Lapsed")));
        // The statistics count the report among those whose reward was paid (a partition of all reports, so the public
        // page's small-cell rule covers it like any other).
        await Statistics.StatsPages.RefreshAsync(Factory);
        oversight = await auditor.GetPageAsync("/Oversight?region=420000", "zh-CN");
        Assert.Equal(("1", "0"), (oversight.QuerySelector("#breakdown-reward tr[data-key='paid'] td")!.TextContent.Trim(),
            oversight.QuerySelector("#breakdown-reward tr[data-key='none'] td")!.TextContent.Trim()));
    }

    [Fact]
    public async Task ALaterReportOnTheSameMatter_IsRefused_AsNotTheFirstReporter_AndTheReporterIsToldWhy()
    {
        var officer = await SignedInStaffAsync("officer@example.org", Roles.Officer, "周洁", "江岸区人社局", "420102");
        var approver = await SignedInStaffAsync("approver@example.org", Roles.Supervisor, "吴刚", "湖北省人社厅", "420000");
        var (first, firstNumber, _) = await Filing.FileAndTriageAsync(Factory, NewClient(), Hubei());
        // The same person and unit named again: triage links the later report to the first.
        var (later, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient(), Hubei("我也举报江岸区社保所有人长期冒领已故人员的养老金，涉及多张社保卡。"));
        Assert.True(await Factory.QueryAsync(db => db.ReportLinks.AnyAsync(l => l.ReportId == later && l.RelatedReportId == first)));
        await ConcludeAsync(officer, later, "500000");

        var page = await officer.GetPageAsync(Reward(later), "zh-CN");
        Assert.Contains(firstNumber, page.QuerySelector("#same-matter")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("系统建议：不符合奖励条件——同一事项已有他人先行举报", page.QuerySelector("#reward-suggested")!.TextContent.Trim(), StringComparison.Ordinal);
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), HandlerButton(page, "Propose")));
        Assert.Equal("已提出不予奖励意见，待另一名负责人审批。", page.QuerySelector("#notice")!.TextContent.Trim());
        var decide = await approver.GetPageAsync(Reward(later), "zh-CN");
        await approver.SubmitAsync(decide, new Dictionary<string, string?>(), HandlerButton(decide, "Decide"));

        var notice = await Factory.QueryAsync(db => db.FormalNotices.SingleAsync(n => n.ReportId == later && n.Kind == Core.Notices.NoticeKind.RewardRefused));
        Assert.StartsWith("不予奖励〔", notice.Number, StringComparison.Ordinal);
        Assert.Contains("同一事项已有他人先行举报", notice.Body, StringComparison.Ordinal);
        // The reporter is never told the other report's number.
        Assert.DoesNotContain(firstNumber, notice.Body, StringComparison.Ordinal);
        var track = await (await TrackAsync(number, key)).GetPageAsync("/Track/Report", "zh-CN");
        Assert.Equal("本举报不予奖励，理由及申请复查的方式见上方告知书。", track.QuerySelector("#reward-status")!.TextContent.Trim());
        Assert.Null(track.QuerySelector("#reward-claim-link"));

        var auditor = await SignedInStaffAsync("auditor@example.org", Roles.Oversight, "审计员", "湖北省审计厅", "420000");
        var oversight = await auditor.GetPageAsync("/Oversight?region=420100", "zh-CN");
        Assert.Equal("1", oversight.QuerySelector("#rewards-table tr[data-key='Refused.NotFirstReporter'] td:last-child")!.TextContent.Trim());
    }

    [Fact]
    public async Task AClaimAfterTheLastDay_IsRefusedWithTheDate_InTheReportersLanguage()
    {
        var officer = await SignedInStaffAsync("officer@example.org", Roles.Officer, "Zhou Jie", "Jiang'an HR bureau", "420102");
        var approver = await SignedInStaffAsync("approver@example.org", Roles.Supervisor, "Wu Gang", "Hubei HR department", "420000");
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient(), Hubei());
        await ConcludeAsync(officer, id, "0");
        var page = await officer.GetPageAsync(Reward(id), "en");
        Assert.Equal("The portal proposes: eligible, ¥200.00 (on a confirmed loss of ¥0.00).", page.QuerySelector("#reward-suggested")!.TextContent.Trim());
        await officer.SubmitAsync(page, new Dictionary<string, string?>(), HandlerButton(page, "Propose"));
        var decide = await approver.GetPageAsync(Reward(id), "en");
        await approver.SubmitAsync(decide, new Dictionary<string, string?>(), HandlerButton(decide, "Decide"));
        var claimBy = await Factory.QueryAsync(db => db.Rewards.Select(r => r.ClaimBy!.Value).SingleAsync());

        // The day after the last day, China time.
        Factory.Clock.Set(new DateTimeOffset(claimBy.AddDays(1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime());
        var tracker = await TrackAsync(number, key, "en");
        var track = await tracker.GetPageAsync("/Track/Report", "en");
        Assert.StartsWith("The reward of ¥200.00 was not claimed by", track.QuerySelector("#reward-status")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(track.QuerySelector("#reward-claim-link"));
        var claim = await tracker.GetPageAsync("/Track/Reward", "en");
        Assert.Equal($"The last day to claim was {claimBy:yyyy-MM-dd}; the reward can no longer be claimed.", claim.QuerySelector("#reward-cannot-claim")!.TextContent.Trim());
        Assert.Equal(RewardStatus.Granted, await Factory.QueryAsync(db => db.Rewards.Select(r => r.Status).SingleAsync()));
        var auditor = await SignedInStaffAsync("auditor@example.org", Roles.Oversight, "Auditor", "Hubei audit office", "420000");
        var oversight = await auditor.GetPageAsync("/Oversight?region=420102", "en");
        Assert.Equal("1 · ¥200.00", oversight.QuerySelector("#rewards-table tr[data-key='Lapsed'] td:last-child")!.TextContent.Trim());
    }

    /// <summary>Each step's audit entry refused in turn (proposal, claim, the paying office's request): the step leaves nothing.</summary>
    [Fact]
    public async Task ARewardStep_WhoseAuditEntryFails_IsNotApplied()
    {
        var officer = await SignedInStaffAsync("officer@example.org", Roles.Officer, "周洁", "江岸区人社局", "420102");
        var approver = await SignedInStaffAsync("approver@example.org", Roles.Supervisor, "吴刚", "湖北省人社厅", "420000");
        var payer = await SignedInStaffAsync("payer@example.org", Roles.Supervisor, "钱英", "湖北省社保基金监督处", "420000");
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient(), Hubei());
        await ConcludeAsync(officer, id, "10000");

        var page = await officer.GetPageAsync(Reward(id), "en");
        await Staff.AuditRefusal.RefuseAsync(Factory, "Reward");
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, (await officer.SubmitAsync(page, new Dictionary<string, string?>(), HandlerButton(page, "Propose"))).StatusCode);
        Assert.False(await Factory.QueryAsync(db => db.Rewards.AnyAsync()));
        await Staff.AuditRefusal.RestoreAsync(Factory);
        await officer.SubmitAsync(page, new Dictionary<string, string?>(), HandlerButton(page, "Propose"));
        var decide = await approver.GetPageAsync(Reward(id), "en");
        await approver.SubmitAsync(decide, new Dictionary<string, string?>(), HandlerButton(decide, "Decide"));

        var tracker = await TrackAsync(number, key);
        var claim = await tracker.GetPageAsync("/Track/Reward", "zh-CN");
        var fields = new Dictionary<string, string?>
        {
            ["Claim.Name"] = "李秀兰", ["Claim.IdNumber"] = Core.Reports.ChineseIdNumber.Complete("42010219800101123"), ["Claim.Bank"] = "中国农业银行", ["Claim.Account"] = "6228480012345678901",
            ["Claim.Declared"] = "true",
        };
        await Staff.AuditRefusal.RefuseAsync(Factory, "Reward");
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, (await tracker.SubmitAsync(claim, fields)).StatusCode);
        Assert.Equal((RewardStatus.Granted, (string?)null), await Factory.QueryAsync(async db =>
        {
            var r = await db.Rewards.SingleAsync();
            return (r.Status, r.ClaimProtected);
        }));
        await Staff.AuditRefusal.RestoreAsync(Factory);
        await tracker.SubmitAsync(claim, fields);

        page = await payer.GetPageAsync(Reward(id), "en");
        await Staff.AuditRefusal.RefuseAsync(Factory, "Reward");
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, (await payer.SubmitAsync(page, new Dictionary<string, string?>(), $"{Reward(id)}?handler=Reveal")).StatusCode);
        Assert.Null(await Factory.QueryAsync(db => db.Rewards.Select(r => r.RevealRequestedById).SingleAsync()));
    }

    /// <summary>
    /// An administrator adds Hunan's rule (refused first for bands that cannot be read, what was typed kept); the save
    /// is audited; a Hunan report concluded afterwards is proposed under it. A save whose audit entry fails is not kept.
    /// </summary>
    [Fact]
    public async Task AnAdministratorAddsAProvincesRule_AndTheNextRewardThereUsesIt()
    {
        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/RewardRules?add=true", "zh-CN");
        Assert.Equal(5, page.QuerySelectorAll("#reward-rules tbody tr").Length);
        var fields = new Dictionary<string, string?>
        {
            ["Input.ProvinceCode"] = "430000", ["Input.InForceFrom"] = "2023-01-01", ["Input.Citation"] = "湖南省社会保险基金监督举报奖励办法（测试）",
            ["Input.Bands"] = "0 0 三", ["Input.Minimum"] = "300", ["Input.Maximum"] = "100000", ["Input.NoLossMinimum"] = "300", ["Input.NoLossMaximum"] = "300",
            ["Input.NoticeWorkingDays"] = "10", ["Input.ClaimWorkingDays"] = "30",
        };
        var refused = await FormClient.ParseAsync(await admin.SubmitAsync(page, fields));
        Assert.Equal("每行须为 3 个或 5 个数字（比例不超过 100）；第一档从 0 开始，各档依次递增。", Filing.ErrorFor(refused, "Input.Bands"));
        Assert.Equal("湖南省社会保险基金监督举报奖励办法（测试）", refused.QuerySelector("#Input_Citation")!.GetAttribute("value"));

        await Staff.AuditRefusal.RefuseAsync(Factory, "RuleChanged");
        fields["Input.Bands"] = "0 0 3";
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, (await admin.SubmitAsync(refused, fields)).StatusCode);
        Assert.Equal(5, await Factory.QueryAsync(db => db.RewardRules.CountAsync()));
        await Staff.AuditRefusal.RestoreAsync(Factory);
        var saved = await FormClient.ParseAsync(await admin.SubmitAsync(refused, fields));
        Assert.Equal("奖励办法已保存。", saved.QuerySelector("#notice")!.TextContent.Trim());
        Assert.Equal(1, await Factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Detail == "reward rule 430000 from 2023-01-01 saved")));

        var officer = await SignedInStaffAsync("hn@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        await ConcludeAsync(officer, id, "50000");
        var reward = await officer.GetPageAsync(Reward(id), "zh-CN");
        Assert.Equal("系统建议：符合奖励条件，奖励 ¥1,500.00（按查实损失 ¥50,000.00 计算）。", reward.QuerySelector("#reward-suggested")!.TextContent.Trim());
    }

    /// <summary>A real-name reporter is mailed that a reward notice was issued: its title and number, never its text or the amount.</summary>
    [Fact]
    public async Task ARealNameReporter_IsMailedThatARewardNoticeWasIssued_WithoutTheAmount()
    {
        await Factory.QueryAsync(async db =>
        {
            db.RewardRules.Add(new RewardRule { ProvinceCode = "430000", InForceFrom = new DateOnly(2023, 1, 1), Citation = "湖南（测试）", Bands = [new(0, 0, 2m)], Maximum = 100_000 });
            return await db.SaveChangesAsync();
        });
        var (id, number, _) = await FileRealNameAsync("王小明", Core.Reports.ChineseIdNumber.Complete("43042219800101123"));
        var officer = await SignedInStaffAsync("hn@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var approver = await SignedInStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        await ConcludeAsync(officer, id, "150000");
        var page = await officer.GetPageAsync(Reward(id), "zh-CN");
        await officer.SubmitAsync(page, new Dictionary<string, string?>(), HandlerButton(page, "Propose"));
        var decide = await approver.GetPageAsync(Reward(id), "zh-CN");
        await approver.SubmitAsync(decide, new Dictionary<string, string?>(), HandlerButton(decide, "Decide"));

        // The conclusion's own mail is sent by a job too and may arrive after the decision: the notice's mail is found by its words.
        static bool IsNotice(MimeKit.MimeMessage m) => m.TextBody?.Contains("奖励告知书", StringComparison.Ordinal) == true;
        await Wait.UntilAsync(() => MailBox.To(Factory.MailFolder, "wang@example.org").Any(IsNotice), TimeSpan.FromSeconds(10));
        var mail = MailBox.To(Factory.MailFolder, "wang@example.org").Single(IsNotice);
        Assert.Contains(number, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("3,000", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("王小明", mail.TextBody, StringComparison.Ordinal);
    }
}

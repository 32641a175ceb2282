using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// A reward, clicked through by everyone involved: an anonymous report in Hubei concluded as true with 1,234,567 yuan
/// recovered; the officer proposes 24,691.34 (2 %); a second supervisor, in English, approves; the reporter, on a phone
/// with the number and key, reads the notice and claims (a wrong identity number refused beside its field first); the
/// paying office asks to see the claim, the approver allows it, the paying office records the payment; the reporter
/// sees it paid. A second, later report on the same matter is refused as not the first reporter.
/// </summary>
public sealed class RewardJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static Dictionary<string, string?> Hubei()
    {
        var fields = Filing.ValidFields("江岸区社保所工作人员持有多张已故老人的社保卡，每月按时取款，已持续数年。");
        (fields["Input.ProvinceCode"], fields["Input.CityCode"], fields["Input.CountyCode"]) = ("420000", "420100", "420102");
        fields["Input.People[0].Unit"] = "江岸区社保所";
        return fields;
    }

    /// <summary>The officer's verification, as recorded on the report (the actions have their own journeys).</summary>
    private async Task ConcludeAsync(string number, Guid officer, decimal recovered)
    {
        var site = Fixture.Site;
        var policy = site.Service<Core.Policy.TimeLimitPolicy>();
        await site.QueryAsync(async db =>
        {
            var r = await db.Reports.SingleAsync(x => x.TrackingNumber == number);
            var now = DateTimeOffset.UtcNow;
            r.Claim(officer, now);
            r.Accept(officer, now, policy);
            r.StartVerification(officer, now);
            r.RecordFinding(officer, Finding.Verified, "经核查属实。", now);
            r.RecordOutcome(officer, 0, recovered, 1, 0, now);
            r.Close(officer, "经查属实，已追回资金。", now);
            return await db.SaveChangesAsync();
        });
    }

    private async Task<IPage> TrackOnPhoneAsync(string number, string key)
    {
        var phone = await Fixture.NewPageAsync("zh-CN");
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync("/Track");
        await phone.Locator("#Input_TrackingNumber").FillAsync(number);
        await phone.Locator("#Input_AccessKey").FillAsync(key);
        await phone.Locator("main form button[type=submit]").ClickAsync();
        await Expect(phone.Locator("#report-status")).ToBeVisibleAsync();
        return phone;
    }

    [Fact]
    public async Task ARewardIsProposedApprovedClaimedSeenByTwoAndPaid_AndALaterReporterIsRefused()
    {
        var site = Fixture.Site;
        var officerUser = await site.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "江岸区人社局", "420102");
        await site.CreateStaffAsync("approver@example.org", Roles.Supervisor, "Wu Gang", "Hubei HR department", "420000");
        await site.CreateStaffAsync("payer@example.org", Roles.Supervisor, "钱英", "湖北省社保基金监督处", "420000");
        var http = () => new FormClient(new HttpClient { BaseAddress = site.RootUri });
        var (id, number, key) = await Filing.FileAndTriageAsync(site, http(), Hubei());
        await ConcludeAsync(number, officerUser.Id, 1_234_567m);

        // The officer: from the case to the reward, which the portal proposes at 2 % of the money recovered.
        var officer = await Fixture.NewPageAsync("zh-CN");
        await SignInAsync(officer, "officer@example.org");
        await officer.GotoAsync($"/Staff/Report/{id}");
        await officer.Locator("#reward-link").ClickAsync();
        await Expect(officer.Locator("#reward-suggested")).ToHaveTextAsync("系统建议：符合奖励条件，奖励 ¥24,691.34（按查实损失 ¥1,234,567.00 计算）。");
        await officer.GetByRole(AriaRole.Button, new() { Name = "提交另一名负责人审批" }).ClickAsync();
        await Expect(officer.Locator("#notice")).ToHaveTextAsync("已提出奖励意见，待另一名负责人审批。");
        await Expect(officer.Locator("#decide-form")).ToHaveCountAsync(0);

        // A second supervisor, in English, approves: the notice goes out.
        var approver = await Fixture.NewPageAsync("en");
        await SignInAsync(approver, "approver@example.org");
        await approver.GotoAsync($"/Staff/Report/{id}/Reward");
        await Expect(approver.Locator("#reward-amount")).ToContainTextAsync("¥24,691.34");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve and notify the reporter" }).ClickAsync();
        await Expect(approver.Locator("#notice")).ToHaveTextAsync("Approved. The reward notice was issued to the reporter.");

        // The reporter, on a phone with the number and key: the notice, the amount, the claim.
        var phone = await TrackOnPhoneAsync(number, key);
        await Expect(phone.Locator("#reward-status")).ToContainTextAsync("已决定给予您奖励 ¥24,691.34");
        await Expect(phone.Locator("#notices")).ToContainTextAsync("举报奖励告知书");
        await phone.Locator("#reward-claim-link").ClickAsync();
        await phone.GetByLabel("姓名").FillAsync("李秀兰");
        await phone.GetByLabel("身份证号码").FillAsync("420102198001011234");
        await phone.GetByLabel("开户银行").FillAsync("中国农业银行武汉江岸支行");
        await phone.GetByLabel("银行账号（须为本人名下）").FillAsync("6228 4800 1234 5678 901");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交申领" }).ClickAsync();
        await Expect(phone.Locator("[data-valmsg-for='Claim.IdNumber']")).ToHaveTextAsync("请输入有效的 18 位身份证号码。");
        await Expect(phone.Locator("#Claim_Account")).ToHaveValueAsync("6228 4800 1234 5678 901");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var idNumber = ChineseIdNumber.Complete("42010219800101123");
        await phone.GetByLabel("身份证号码").FillAsync(idNumber);
        await phone.Locator("#Claim_Declared").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交申领" }).ClickAsync();
        await Expect(phone.Locator(".alert-success[role=status]")).ToContainTextAsync("申领已提交");
        await Expect(phone.Locator("#reward-status")).ToContainTextAsync("您申领的奖励 ¥24,691.34 已受理");

        // The paying office asks to see the claim; the approver allows it; only then can it be shown, and paid.
        var payer = await Fixture.NewPageAsync("zh-CN");
        await SignInAsync(payer, "payer@example.org");
        await payer.GotoAsync($"/Staff/Report/{id}/Reward");
        await payer.GetByRole(AriaRole.Button, new() { Name = "申请查看申领信息" }).ClickAsync();
        await Expect(payer.Locator("#notice")).ToContainTextAsync("待另一名负责人批准");
        await Expect(payer.Locator("#see-claim-form")).ToHaveCountAsync(0);
        await approver.ReloadAsync();
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve the request to see the claim" }).ClickAsync();
        await Expect(approver.Locator("#notice")).ToContainTextAsync("Only the person who asked");
        await payer.ReloadAsync();
        await payer.GetByRole(AriaRole.Button, new() { Name = "显示申领信息（记入审计日志）" }).ClickAsync();
        await Expect(payer.Locator("#claim")).ToContainTextAsync(idNumber);
        await Expect(payer.Locator("#claim")).ToContainTextAsync("6228480012345678901");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await payer.Locator("#Payment_PaidOn").FillAsync(today);
        await payer.Locator("#Payment_Reference").FillAsync("HB-2026-0001");
        await payer.Locator("#Payment_Amount").FillAsync("24691.34");
        await payer.GetByRole(AriaRole.Button, new() { Name = "登记发放" }).ClickAsync();
        await Expect(payer.Locator("#notice")).ToHaveTextAsync("已登记发放，举报人可在查询页面看到。");

        await phone.GotoAsync("/Track/Report");
        await Expect(phone.Locator("#reward-status")).ToHaveTextAsync($"已发放：¥24,691.34，发放日期 {today}，凭证号 HB-2026-0001。");

        // A second, later report on the same matter: not the first reporter, refused with that reason.
        var (later, laterNumber, laterKey) = await Filing.FileAndTriageAsync(site, http(), Hubei());
        await ConcludeAsync(laterNumber, officerUser.Id, 500_000m);
        await officer.GotoAsync($"/Staff/Report/{later}/Reward");
        await Expect(officer.Locator("#same-matter")).ToContainTextAsync(number);
        await Expect(officer.Locator("#reward-suggested")).ToContainTextAsync("同一事项已有他人先行举报");
        await officer.GetByRole(AriaRole.Button, new() { Name = "提交另一名负责人审批" }).ClickAsync();
        await approver.GotoAsync($"/Staff/Report/{later}/Reward");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve and notify the reporter" }).ClickAsync();
        await Expect(approver.Locator("#notice")).ToHaveTextAsync(new Regex("^Approved\\. The notice that no reward is granted"));
        var second = await TrackOnPhoneAsync(laterNumber, laterKey);
        await Expect(second.Locator("#reward-status")).ToHaveTextAsync("本举报不予奖励，理由及申请复查的方式见上方告知书。");
        await second.Locator("#notices a", new() { HasText = "不予奖励告知书" }).ClickAsync();
        await Expect(second.Locator("main")).ToContainTextAsync("同一事项已有他人先行举报");
        await Expect(second.Locator("main")).Not.ToContainTextAsync(number);
    }
}

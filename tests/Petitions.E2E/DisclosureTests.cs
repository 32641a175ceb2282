using Microsoft.Playwright;
using Petitions.Data;
using Petitions.Testing;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// On a phone, in Chinese: a citizen files under their real name; an officer asks to see who they are; a supervisor,
/// in another browser, approves; the officer then sees the identity, and the reporter sees that it was disclosed.
/// </summary>
public sealed class DisclosureTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task<IPage> PhoneAsync()
    {
        var page = await Fixture.NewPageAsync("zh-CN");
        await page.SetViewportSizeAsync(390, 844);
        return page;
    }

    [Fact]
    public async Task ADisclosure_IsAskedApprovedAndSeen_AndTheReporterIsTold()
    {
        var site = Fixture.Site;
        await site.CreateUserAsync("wang@example.org", "Citizen-Pass-2026", Roles.Citizen);
        await site.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        await site.CreateStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");

        var citizen = await PhoneAsync();
        await SignInAsync(citizen, "wang@example.org", "Citizen-Pass-2026", twoFactor: false);
        await citizen.GotoAsync("/Report");
        await citizen.Locator("#anon-no").CheckAsync();
        await citizen.GetByLabel("您的姓名").FillAsync("王小明");
        await citizen.GetByLabel("联系电话（选填）").FillAsync("13800001234");
        await citizen.Locator("#Input_KindCode").SelectOptionAsync("deceased-pension");
        await citizen.Locator("#Input_ProvinceCode").SelectOptionAsync("430000");
        await Expect(citizen.Locator("#Input_CityCode option[value='430400']")).ToHaveCountAsync(1);
        await citizen.Locator("#Input_CityCode").SelectOptionAsync("430400");
        await Expect(citizen.Locator("#Input_CountyCode option[value='430422']")).ToHaveCountAsync(1);
        await citizen.Locator("#Input_CountyCode").SelectOptionAsync("430422");
        await citizen.Locator("#Input_Description").FillAsync("实名举报：镇劳动保障站有人持有多张已故老人的社保卡，每月取款。");
        await citizen.Locator("#submit-report").ClickAsync();
        var number = (await citizen.Locator("#tracking-number").TextContentAsync())!.Trim();
        await Wait.UntilAsync(() => site.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.Reports, r => r.TrackingNumber == number && r.TriagedAt != null)), TimeSpan.FromSeconds(15));

        var officer = await PhoneAsync();
        await SignInAsync(officer, "officer@example.org");
        await officer.GotoAsync("/Staff");
        await officer.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(officer.Locator("#disclosure")).Not.ToContainTextAsync("王小明");
        await officer.Locator("#reveal-reason").FillAsync("需要电话核实取款时间");
        await officer.Locator("#disclosure form button[type=submit]").ClickAsync();
        await Expect(officer.Locator("#notice")).ToContainTextAsync("申请已提交主管审批");
        await Expect(officer.Locator("#disclosures")).ToContainTextAsync("等待主管审批");

        var supervisor = await PhoneAsync();
        await SignInAsync(supervisor, "chief@example.org");
        await supervisor.GotoAsync(officer.Url);
        await Expect(supervisor.Locator("#disclosures")).ToContainTextAsync("需要电话核实取款时间");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "批准查看" }).ClickAsync();
        await Expect(supervisor.Locator("#notice")).ToContainTextAsync("已批准");
        await Expect(supervisor.Locator("#revealed")).ToHaveCountAsync(0);

        await officer.ReloadAsync();
        await Expect(officer.Locator("#revealed-name")).ToHaveTextAsync("王小明");
        await Expect(officer.Locator("#revealed")).ToContainTextAsync("13800001234");
        Assert.True(await officer.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        await citizen.GotoAsync("/Track/Mine");
        await citizen.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(citizen.Locator("#timeline")).ToContainTextAsync("您的身份信息已提供给承办单位");
    }
}

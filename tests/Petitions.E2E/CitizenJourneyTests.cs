using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Petitions.Data;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// Citizens' paths driven as people drive them: the buttons they see, after a preview, after a refusal, and without
/// JavaScript (where a citizen signs in and files under their real name). Each ends on what the person sees.
/// </summary>
public sealed class CitizenJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task SolveProofOfWorkAsync(IPage page)
    {
        await page.Locator("altcha-widget label[for^=altcha-checkbox]").ClickAsync();
        await Expect(page.Locator("input[name=altcha]")).ToHaveValueAsync(new Regex(".{20,}"), new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task FillPreviewSubmit_FilesTheReport_AndTheReceiptOffersCopyAndPrint()
    {
        var page = await Fixture.NewPageAsync("en");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync("/Report");
        await page.Locator("#Input_KindCode").SelectOptionAsync("duplicate-claims");
        await page.Locator("#Input_ProvinceCode").SelectOptionAsync("430000");
        await page.Locator("#Input_Description").FillAsync("**Preview first**: a village clerk draws two pensions for the same person.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("strong", new() { HasText = "Preview first" })).ToBeVisibleAsync();

        // After the preview the address says ?handler=Preview; Submit must still file.
        await SolveProofOfWorkAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the report" }).ClickAsync();
        await Expect(page.Locator("#tracking-number")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy number and key" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print this receipt" })).ToBeVisibleAsync();
        await Expect(page.Locator("#acceptance-due")).ToHaveTextAsync(new Regex("^by the end of "));
    }

    [Fact]
    public async Task ARefusedForm_KeepsItsFilesAndItsProofOfWork_AndFilesOnceFixed()
    {
        var page = await Fixture.NewPageAsync("zh-CN");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync("/Report");
        await page.Locator("#Input_KindCode").SelectOptionAsync("deceased-pension");
        await page.Locator("#Input_ProvinceCode").SelectOptionAsync("430000");
        await page.Locator("#Input_Description").FillAsync("太短了");
        await page.Locator("#Files").SetInputFilesAsync(new FilePayload { Name = "证据.txt", MimeType = "text/plain", Buffer = "银行流水"u8.ToArray() });
        await SolveProofOfWorkAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交举报" }).ClickAsync();

        // The summary at the top links to the field; the file and the solved check are kept.
        await Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await Expect(page.Locator("#error-summary a[href='#Input_Description']")).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("证据.txt");
        await Expect(page.Locator("#pow-kept")).ToBeVisibleAsync();
        await page.Locator("#Input_Description").FillAsync("乡镇劳动保障站工作人员持有已故老人的社保卡，每月按时取款，至今已有三年。");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交举报" }).ClickAsync();
        await Expect(page.Locator("#tracking-number")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WithoutJavaScript_ASignedInCitizen_ChoosesRegions_AddsAPerson_Previews_AndFiles()
    {
        await Fixture.Site.CreateUserAsync("citizen@example.org", "Citizen-Pass-2026", Roles.Citizen);
        var page = await Fixture.NewPageAsync("zh-CN", javaScript: false);
        await SignInAsync(page, "citizen@example.org", "Citizen-Pass-2026", twoFactor: false);
        await page.GotoAsync("/Report");
        // Signed in, the form starts on real-name and needs no proof of work.
        await Expect(page.Locator("#anon-no")).ToBeCheckedAsync();
        await page.GetByLabel("您的姓名").FillAsync("赵敏");
        await page.Locator("#Input_KindCode").SelectOptionAsync("deceased-pension");
        await page.Locator("#Input_ProvinceCode").SelectOptionAsync("430000");
        await page.GetByRole(AriaRole.Button, new() { Name = "显示下级地区" }).ClickAsync();
        await page.Locator("#Input_CityCode").SelectOptionAsync("430400");
        await page.GetByRole(AriaRole.Button, new() { Name = "显示下级地区" }).ClickAsync();
        await page.Locator("#Input_CountyCode").SelectOptionAsync("430422");
        await page.Locator("#Input_Description").FillAsync("不用脚本也能举报：镇劳动保障站持有已故老人的社保卡，按月取款。");
        await page.GetByRole(AriaRole.Button, new() { Name = "再添加一个人员或单位" }).ClickAsync();
        await page.Locator("#Input_People_2__Name").FillAsync("钱某");
        await page.GetByRole(AriaRole.Button, new() { Name = "预览" }).ClickAsync();
        await Expect(page.Locator("#Input_CountyCode")).ToHaveValueAsync("430422");
        await Expect(page.Locator("#Input_People_2__Name")).ToHaveValueAsync("钱某");

        await page.GetByRole(AriaRole.Button, new() { Name = "提交举报" }).ClickAsync();
        await Expect(page.Locator("#tracking-number")).ToBeVisibleAsync();
        var number = (await page.Locator("#tracking-number").TextContentAsync())!.Trim();

        await page.GetByRole(AriaRole.Link, new() { Name = "我的举报" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = number })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Withdrawing_AsksFirst_AndCanBeCalledOff()
    {
        var (_, number, key) = await Testing.Filing.FileAndTriageAsync(Fixture.Site, new Testing.FormClient(new HttpClient { BaseAddress = Fixture.Site.RootUri }));
        var page = await Fixture.NewPageAsync("en");
        await page.GotoAsync("/Track");
        await page.Locator("#Input_TrackingNumber").FillAsync(number);
        await page.Locator("#Input_AccessKey").FillAsync(key);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Withdraw…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Withdraw this report?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "No, keep it" }).ClickAsync();
        await Expect(page.Locator("#report-status")).ToHaveTextAsync("Submitted");

        await page.GetByRole(AriaRole.Link, new() { Name = "Withdraw…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw it" }).ClickAsync();
        await Expect(page.Locator("#report-status")).ToHaveTextAsync("Withdrawn");
        await page.GetByRole(AriaRole.Button, new() { Name = "End this session" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("The session has ended");
    }

    [Fact]
    public async Task WithoutJavaScript_AnAnonymousReporter_IsToldWhenTheFormCanBeSent_AndFilesAfterTheWait()
    {
        var page = await Fixture.NewPageAsync("zh-CN", javaScript: false);
        await page.GotoAsync("/Report");
        // Told at the top of the form, before typing anything, how an anonymous report goes without script.
        await Expect(page.Locator("#noscript-note")).ToContainTextAsync("仍可匿名举报");
        await page.Locator("#Input_KindCode").SelectOptionAsync("deceased-pension");
        await page.Locator("#Input_ProvinceCode").SelectOptionAsync("430000");
        await page.Locator("#Input_Description").FillAsync("匿名、无脚本：镇劳动保障站持有已故老人的社保卡。");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交举报" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=altcha]")).ToContainTextAsync("之后再次提交");
        await Expect(page.Locator("#Input_Description")).ToHaveValueAsync("匿名、无脚本：镇劳动保障站持有已故老人的社保卡。");

        Fixture.Site.Clock.Advance(TimeSpan.FromSeconds(61));
        await page.GetByRole(AriaRole.Button, new() { Name = "提交举报" }).ClickAsync();
        await Expect(page.Locator("#tracking-number")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WithoutJavaScript_AReporterRepliesWithAFile_Withdraws_AndEndsTheSession()
    {
        var (_, number, key) = await Testing.Filing.FileAndTriageAsync(Fixture.Site, new Testing.FormClient(new HttpClient { BaseAddress = Fixture.Site.RootUri }));
        var page = await Fixture.NewPageAsync("zh-CN", javaScript: false);
        await page.GotoAsync("/Track");
        await page.Locator("#Input_TrackingNumber").FillAsync(number);
        await page.Locator("#Input_AccessKey").FillAsync(key);
        await page.Locator("main form button[type=submit]").ClickAsync();

        await page.Locator("#Message_Text").FillAsync("补充：附上银行流水截图。");
        await page.Locator("#Files").SetInputFilesAsync(new FilePayload { Name = "流水.txt", MimeType = "text/plain", Buffer = "2020-01 取款 3000"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "发送" }).ClickAsync();
        await Expect(page.Locator("#timeline")).ToContainTextAsync("补充：附上银行流水截图。");
        await page.Locator("#what-you-sent summary").ClickAsync();
        await Expect(page.Locator("#own-files")).ToContainTextAsync("流水.txt");

        await page.GetByRole(AriaRole.Link, new() { Name = "撤回……" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "确定撤回该举报吗？" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确定撤回" }).ClickAsync();
        await Expect(page.Locator("#report-status")).ToHaveTextAsync("已撤回");
        await page.GetByRole(AriaRole.Button, new() { Name = "结束本次查询" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToBeVisibleAsync();
        await page.GotoAsync("/Track/Mine");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Petitions.Testing;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// A citizen's account from start to end, with and without JavaScript: register, confirm from the mail, file under
/// their real name, find it in "My reports", change the password, sign in with it, and delete the account.
/// </summary>
public sealed class AccountJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData(true, "en")]
    [InlineData(false, "zh-CN")]
    public async Task RegisterConfirmFileFindChangePasswordAndDelete(bool javaScript, string language)
    {
        var english = language == "en";
        const string email = "zhao@example.org";
        var page = await Fixture.NewPageAsync(language, javaScript);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GotoAsync("/Account/Register");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync("First-Pass-2026");
        await page.Locator("#Input_ConfirmPassword").FillAsync("First-Pass-2026");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/CheckMail"));

        var mail = await MailBox.WaitForAsync(Fixture.Site.MailFolder, email);
        await page.GotoAsync(MailBox.LinkIn(mail));
        await Expect(page.Locator("[role=status]")).ToBeVisibleAsync();
        await SignInAsync(page, email, "First-Pass-2026", twoFactor: false);

        await page.GotoAsync("/Report");
        await Expect(page.Locator("#anon-no")).ToBeCheckedAsync();
        await page.Locator("#Input_ReporterName").FillAsync(english ? "Zhao Min" : "赵敏");
        await page.Locator("#Input_KindCode").SelectOptionAsync("deceased-pension");
        await page.Locator("#Input_ProvinceCode").SelectOptionAsync("430000");
        await page.Locator("#Input_Description").FillAsync("镇劳动保障站持有已故老人的社保卡，按月取款，已有三年。");
        await page.Locator("#submit-report").ClickAsync();
        await Expect(page.Locator("#tracking-number")).ToBeVisibleAsync();
        var number = (await page.Locator("#tracking-number").TextContentAsync())!.Trim();

        await page.GetByRole(AriaRole.Link, new() { Name = english ? "My reports" : "我的举报", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = number })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = english ? "My account" : "我的账户", Exact = true }).ClickAsync();
        await page.Locator("#change-password").ClickAsync();
        await page.Locator("#Input_Current").FillAsync("Wrong-Pass-2026");
        await page.Locator("#Input_Password").FillAsync("Second-Pass-2026");
        await page.Locator("#Input_ConfirmPassword").FillAsync("Second-Pass-2026");
        await page.Locator("#save-password").ClickAsync();
        await Expect(page.Locator("#error-summary")).ToContainTextAsync(english ? "not the account's current password" : "不是此账户的当前密码");
        await page.Locator("#Input_Current").FillAsync("First-Pass-2026");
        await page.Locator("#Input_Password").FillAsync("Second-Pass-2026");
        await page.Locator("#Input_ConfirmPassword").FillAsync("Second-Pass-2026");
        await page.Locator("#save-password").ClickAsync();
        await Expect(page.Locator("#notice")).ToBeVisibleAsync();

        await page.Locator("header form[action='/Account/Logout'] button").ClickAsync();
        await SignInAsync(page, email, "Second-Pass-2026", twoFactor: false);

        await page.GotoAsync("/Account/Manage");
        await page.Locator("#delete-account").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(english ? "you filed 1 reports" : "您实名提交了 1 份举报");
        await page.Locator("#Password").FillAsync("Second-Pass-2026");
        await page.Locator("#confirm-delete").ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync(english ? "Your account has been deleted" : "您的账户已注销");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = english ? "Sign in" : "登录", Exact = true })).ToBeVisibleAsync();
    }
}

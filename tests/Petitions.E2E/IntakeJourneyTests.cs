using Microsoft.Playwright;
using Petitions.Core.Policy;
using Petitions.Data;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>The petitions desk, clicked through: a phone report received yesterday, its slip, the caller following it online.</summary>
public sealed class IntakeJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AnOfficerRegistersACallFromYesterday_TheCallerTracksItWithTheSlip_AndSeesItAccepted()
    {
        var site = Fixture.Site;
        await site.CreateStaffAsync("desk@example.org", Roles.Officer, "窗口", "衡南县人社局", "430422");
        var policy = site.Service<TimeLimitPolicy>();
        var yesterday = policy.LocalDay(site.Clock.GetUtcNow()).AddDays(-1);

        var desk = await Fixture.NewPageAsync("zh-CN");
        await SignInAsync(desk, "desk@example.org");
        await desk.GotoAsync("/Staff");
        await desk.Locator("#staff-links").GetByRole(AriaRole.Link, new() { Name = "登记来信来电来访" }).ClickAsync();
        await desk.Locator("#Input_Channel").SelectOptionAsync("Phone");
        await desk.Locator("#Input_ReceivedOn").FillAsync(yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await desk.Locator("#Input_KindCode").SelectOptionAsync("deceased-pension");
        await desk.Locator("#Input_Region").FillAsync("衡南县");
        await desk.Locator("#Input_Description").FillAsync("来电反映：村里三位已故老人的养老金仍按月发放，卡在村干部手里。");
        await desk.Locator("#register-report").ClickAsync();
        await Expect(desk.Locator("#intake-slip")).ToBeVisibleAsync();
        var number = (await desk.Locator("#tracking-number").TextContentAsync())!.Trim();
        var groups = await desk.Locator("#key-groups li").AllTextContentsAsync();
        Assert.True(groups.Count >= 3);
        await desk.SetViewportSizeAsync(390, 844);
        Assert.True(await desk.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));

        // The caller types what was read out to them, group by group.
        var caller = await Fixture.NewPageAsync("zh-CN");
        await caller.GotoAsync("/Track");
        await caller.Locator("#Input_TrackingNumber").FillAsync(number);
        await caller.Locator("#Input_AccessKey").FillAsync(string.Join(" ", groups.Select(g => g.Trim())));
        await caller.Locator("main form button[type=submit]").ClickAsync();
        await Expect(caller.Locator("#timeline")).ToBeVisibleAsync();

        // The desk accepts it; the caller sees it accepted.
        await desk.SetViewportSizeAsync(1280, 800);
        await desk.GotoAsync("/Staff");
        await desk.Locator("#q").FillAsync(number);
        await desk.Locator("form[role=search] button[type=submit]").ClickAsync();
        await desk.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(desk.Locator("#report-channel")).ToHaveTextAsync("来电（12333）");
        await desk.Locator("form[data-action='Claim'] button").ClickAsync();
        await Expect(desk.Locator("#notice")).ToBeVisibleAsync();
        await Expect(desk.Locator("form[data-action='Accept'] button")).ToBeVisibleAsync();
        await desk.Locator("form[data-action='Accept'] button").ClickAsync();
        await Expect(desk.Locator("form[data-action='Accept']")).ToHaveCountAsync(0);
        await caller.ReloadAsync();
        await Expect(caller.Locator("#decision")).ToContainTextAsync("受理");
        // The acceptance notice is on /Track: numbered, and opens as a letter to print.
        var year = System.DateTime.UtcNow.AddHours(8).Year;
        await Expect(caller.Locator("#notices a")).ToHaveTextAsync("举报受理告知书");
        await Expect(caller.Locator("#notices li span").First).ToHaveTextAsync($"受理〔{year}〕1号");
        await caller.Locator("#notices a").ClickAsync();
        await Expect(caller.Locator("#notice-number")).ToHaveTextAsync($"受理〔{year}〕1号");
        await Expect(caller.Locator("#notice-body")).ToContainTextAsync("本机关决定予以受理");
        await Expect(caller.Locator("#notice-body")).ToContainTextAsync(number);
        await Expect(caller.Locator("button[data-print]")).ToBeVisibleAsync();
        // The officer sees the same notice on the report.
        await desk.ReloadAsync();
        await Expect(desk.Locator("#notices a")).ToHaveTextAsync("举报受理告知书");
    }
}

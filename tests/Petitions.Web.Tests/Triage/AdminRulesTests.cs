using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Triage;

public sealed class AdminRulesTests(PetitionsFactory factory) : WebTest(factory)
{
    [Theory]
    [InlineData("/Admin/Routing")]
    [InlineData("/Admin/Priority")]
    [InlineData("/Admin/Jobs")]
    public async Task AdminPages_AreRefusedToAnOfficer(string path)
    {
        await Factory.CreateUserAsync("officer@example.org", "Officer-Pass-1", Roles.Officer);
        var client = NewClient();
        await Factory.SignInStaffAsync(client, "officer@example.org", "Officer-Pass-1");
        var response = await client.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminAddsARoutingRule_AndTheNextReportFollowsIt()
    {
        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Routing", "en");
        Assert.Equal(2, page.QuerySelectorAll("#rules tbody tr").Length);

        // A fixed queue without its region: the message sits next to the field, the name stays.
        var bad = await FormClient.ParseAsync(await admin.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Name"] = "Hunan provincial team", ["Input.ScopeRegionCode"] = "430000", ["Input.Target"] = "Fixed", ["Input.TargetRegionCode"] = "",
        }, formAction: "/Admin/Routing?handler=Save"));
        Assert.Equal("Give the region code of the queue to send to.", Filing.ErrorFor(bad, "Input.TargetRegionCode"));
        Assert.Equal("Hunan provincial team", bad.QuerySelector("#Input_Name")!.GetAttribute("value"));

        var saved = await FormClient.ParseAsync(await admin.SubmitAsync(bad, new Dictionary<string, string?> { ["Input.TargetRegionCode"] = "430000" }, formAction: "/Admin/Routing?handler=Save"));
        Assert.Contains("Saved", saved.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, saved.QuerySelectorAll("#rules tbody tr").Length);

        var (number, _) = Filing.ReadReceipt(await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), Filing.ValidFields())));
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Reports.AnyAsync(r => r.TrackingNumber == number && r.QueueRegionCode == "430000")), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task AnAdminDisablesAPriorityRule_AndABadValueIsRefusedByItsField()
    {
        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Priority", "zh-CN");
        var firstToggle = page.Forms.First(f => (f.GetAttribute("action") ?? "").Contains("handler=Toggle", StringComparison.Ordinal)).GetAttribute("action");
        var after = await FormClient.ParseAsync(await admin.SubmitAsync(page, new Dictionary<string, string?>(), formAction: firstToggle));
        Assert.Contains("text-muted", after.QuerySelector("#rules tbody tr")!.ClassName, StringComparison.Ordinal);
        Assert.Equal(1, await Factory.QueryAsync(db => db.PriorityRules.CountAsync(r => !r.Enabled)));

        var bad = await FormClient.ParseAsync(await admin.SubmitAsync(after, new Dictionary<string, string?>
        {
            ["Input.Name"] = "大额", ["Input.Condition"] = "AmountAtLeast", ["Input.Parameter"] = "很多", ["Input.Points"] = "500",
        }, formAction: "/Admin/Priority?handler=Save"));
        Assert.Equal("参数与条件不符：应为用 | 分隔的词语或数字。", Filing.ErrorFor(bad, "Input.Parameter"));
        Assert.Equal("分值须在 -100 到 100 之间。", Filing.ErrorFor(bad, "Input.Points"));
        Assert.Equal("很多", bad.QuerySelector("#Input_Parameter")!.GetAttribute("value"));
    }

    [Fact]
    public async Task AFailedJob_IsListedForTheAdmin_AndCanBeRetried()
    {
        var id = Factory.Jobs.Enqueue(() => FailingJob.Run());
        var monitor = Factory.Service<JobStorage>().GetMonitoringApi();
        await Wait.UntilAsync(() => monitor.FailedCount() > 0, TimeSpan.FromSeconds(15));

        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Jobs", "en");
        var row = page.QuerySelector("#failed-jobs tbody tr")!;
        Assert.Contains("FailingJob.Run", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("#recurring-jobs td"), td => td.TextContent == "time-limit-sweep");

        var retried = await FormClient.ParseAsync(await admin.SubmitAsync(page, new Dictionary<string, string?>(), formAction: $"/Admin/Jobs?id={id}&handler=Retry"));
        Assert.Contains("queued again", retried.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        await Wait.UntilAsync(() => monitor.FailedCount() > 0 && FailingJob.Runs >= 2, TimeSpan.FromSeconds(15));
    }
}

/// <summary>A job that always fails, without retries.</summary>
public static class FailingJob
{
    private static int _runs;

    public static int Runs => _runs;

    [AutomaticRetry(Attempts = 0)]
    public static void Run()
    {
        Interlocked.Increment(ref _runs);
        throw new InvalidOperationException("Deliberate failure for the admin page test.");
    }
}

using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Tests.Statistics;

namespace Petitions.Web.Tests.Intake;

/// <summary>The petitions desk: a phone report received yesterday, registered by an officer, followed online by its reporter.</summary>
public sealed class IntakeTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task APhoneReportReceivedYesterday_GetsASlip_StartsItsClockYesterday_AndIsFollowedOnline()
    {
        var officer = await SignedInStaffAsync("desk@example.org", Roles.Officer, "窗口", "衡南县人社局", "430422");
        var policy = Factory.Service<TimeLimitPolicy>();
        var today = policy.LocalDay(Factory.Clock.GetUtcNow());
        var yesterday = today.AddDays(-1);
        var fields = new Dictionary<string, string?>
        {
            ["Input.Channel"] = "Phone", ["Input.ReceivedOn"] = yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.RealName"] = "true", ["Input.ReporterName"] = "", ["Input.ReporterPhone"] = "13800000000", ["Input.ReporterEmail"] = "caller@example.org",
            ["Input.Language"] = "en", ["Input.KindCode"] = "deceased-pension", ["Input.Region"] = "衡南县",
            ["Input.Description"] = "来电反映：村里三位已故老人的养老金仍按月发放，卡在村干部手里。", ["Input.PersonUnit"] = "某村委会",
        };
        var recording = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Wav()), "Files", "来电录音.wav" } };
        var form = await officer.GetPageAsync("/Staff/Intake", "en");
        // Real name without the name: said beside the field; the text and the recording kept.
        var refused = await FormClient.ParseAsync(await officer.SubmitAsync(form, fields, extraContent: recording));
        Assert.Equal("A real-name report needs the reporter's name.", Filing.ErrorFor(refused, "Input.ReporterName"));
        Assert.Contains("已故老人", refused.QuerySelector("#Input_Description")!.TextContent, StringComparison.Ordinal);
        var keptFile = refused.QuerySelector("#accepted-files");
        var slipPage = await FormClient.ParseAsync(await officer.SubmitAsync(refused, new Dictionary<string, string?>(fields) { ["Input.ReporterName"] = "赵来电" },
            extraContent: new MultipartFormDataContent()));

        var number = slipPage.QuerySelector("#tracking-number")!.TextContent.Trim();
        var key = slipPage.QuerySelector("#access-key")!.TextContent.Trim();
        // For a phone call the key is also shown in groups, to read out.
        Assert.Equal(key.Split('-'), slipPage.QuerySelectorAll("#key-groups li").Select(li => li.TextContent.Trim()));
        // The slip says how the report came in and where to follow it; the officer's instruction is not printed.
        Assert.Equal("Phone (12333)", slipPage.QuerySelector("#slip-channel")!.TextContent.Trim());
        Assert.Contains("/Track", slipPage.QuerySelector("#slip-how-to-track")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("://", slipPage.QuerySelector("#slip-how-to-track")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(slipPage.QuerySelector("#intake-slip p.no-print"));

        var report = await Factory.QueryAsync(db => db.Reports.Include(r => r.Attachments).SingleAsync(r => r.TrackingNumber == number));
        var nineYesterday = new DateTimeOffset(yesterday.ToDateTime(new TimeOnly(9, 0)), policy.TimeZone.GetUtcOffset(yesterday.ToDateTime(new TimeOnly(9, 0))));
        Assert.Equal((ReportChannel.Phone, false, nineYesterday.ToUniversalTime()), (report.Channel, report.IsAnonymous, report.SubmittedAt));
        Assert.Equal(policy.AcceptanceDue(nineYesterday, LegalRegime.SocialInsuranceFunds), report.AcceptanceDueAt);
        Assert.Equal("en", report.Culture);
        Assert.Single(report.Attachments);
        Assert.NotNull(keptFile);
        // The identity is sealed, with the address answers go to.
        var identity = Factory.Service<Services.ReporterIdentities>().Open(report.IdentityProtected)!;
        Assert.Equal(("赵来电", "caller@example.org"), (identity.Name, identity.Email));

        // The reporter follows it online with the number and key read out.
        var visitor = NewClient();
        var opened = await visitor.SubmitAsync(await visitor.GetPageAsync("/Track", "en"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, opened.StatusCode);

        // Triaged like any report; the staff page says how it came; the oversight dashboard counts it by channel.
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Reports.AnyAsync(r => r.Id == report.Id && r.TriagedAt != null)), TimeSpan.FromSeconds(15));
        // The queue filters by channel.
        var phoneOnly = await officer.GetPageAsync("/Staff?channel=Phone", "en");
        Assert.Contains(number, phoneOnly.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(number, (await officer.GetPageAsync("/Staff?channel=Letter", "en")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var page = await officer.GetPageAsync($"/Staff/Report/{report.Id}", "en");
        Assert.Equal("Phone (12333)", page.QuerySelector("#report-channel")!.TextContent.Trim());
        await StatsPages.StoreAsync(Factory, Enumerable.Range(0, 2).Select(i => StatsPages.Received(Factory, "430422", "deceased-pension", today.AddDays(-3 - i))));
        await StatsPages.RefreshAsync(Factory);
        var auditor = await SignedInStaffAsync("auditor@example.org", Roles.Oversight, "钱审计", "湖南省审计厅", "430000");
        var oversight = await auditor.GetPageAsync("/Oversight?region=430422", "en");
        string Channel(string k) => oversight.QuerySelector($"#breakdown-channel tr[data-key='{k}'] td")!.TextContent.Trim();
        Assert.Equal(("2", "1", "0"), (Channel("online"), Channel("phone"), Channel("letter")));
    }
}

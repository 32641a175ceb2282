using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Intake;

/// <summary>Regimes as data: an administrator chooses and edits them; the official calendar's missing year is never guessed.</summary>
public sealed class RegimesTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task AnAdministrator_MovesAKindToAnotherRegime_AndEditsALimit_AfterARefusal()
    {
        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Regimes", "en");
        Assert.Equal("5 working days", page.QuerySelector("#regimes tr[data-regime='mohrss-order-49'] td:nth-child(2)")!.TextContent.Trim());
        // "Other" follows Letters and Visits; the administrator moves it to Order No. 49.
        Assert.Equal("letters-visits-2022", page.QuerySelector("#kind-other option[selected]")!.GetAttribute("value"));
        await admin.SubmitAsync(page, new Dictionary<string, string?> { ["KindRegimes[other]"] = LegalRegime.SocialInsuranceFunds }, formAction: "/Admin/Regimes?handler=Kinds");
        Assert.Equal(LegalRegime.SocialInsuranceFunds, await Factory.QueryAsync(db => db.ReportKinds.Where(k => k.Code == "other").Select(k => k.RegimeCode).SingleAsync()));
        var fields = Filing.ValidFields();
        fields["Input.KindCode"] = "other";
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient(), fields);
        Assert.Equal(LegalRegime.SocialInsuranceFunds, await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.RegimeCode).SingleAsync()));

        // An impossible limit is refused beside its field, the rest of the form kept.
        var edit = await admin.GetPageAsync("/Admin/Regimes?code=mohrss-order-49", "en");
        var refused = await FormClient.ParseAsync(await admin.SubmitAsync(edit, new Dictionary<string, string?> { ["Input.AcceptanceDays"] = "400", ["Input.Citation"] = "修订后的条文" }, formAction: "/Admin/Regimes?handler=Save"));
        Assert.Equal("Enter a number of days between 0 and 365.", refused.QuerySelector("#Input_AcceptanceDays-error")!.TextContent.Trim());
        Assert.Equal("修订后的条文", refused.QuerySelector("#Input_Citation")!.TextContent.Trim());
        await admin.SubmitAsync(refused, new Dictionary<string, string?> { ["Input.AcceptanceDays"] = "7", ["Input.Citation"] = "修订后的条文" }, formAction: "/Admin/Regimes?handler=Save");
        Assert.Equal(7, Factory.Service<TimeLimitPolicy>().Regime(LegalRegime.SocialInsuranceFunds).Acceptance.Days);
        Assert.Contains(await Factory.QueryAsync(db => db.AuditEntries.Select(a => a.Detail).ToListAsync()), d => d == "LegalRegime mohrss-order-49 saved");
        // The Chinese page names the same limits in Chinese.
        var zh = await admin.GetPageAsync("/Admin/Regimes", "zh-CN");
        Assert.Equal("7个工作日", zh.QuerySelector("#regimes tr[data-regime='mohrss-order-49'] td:nth-child(2)")!.TextContent.Trim());
    }

    [Fact]
    public async Task ADueDateIntoAYearWithoutACalendar_IsProvisional_AndComputedAgainWhenTheYearIsLoaded()
    {
        var policy = Factory.Service<TimeLimitPolicy>();
        var builtIn = policy.Calendar;
        var folder = Directory.CreateTempSubdirectory("calendar-");
        try
        {
            // Monday 28 December 2026, 10:00 China time: five working days run into 2027, whose calendar is not loaded.
            Factory.Clock.Set(new DateTimeOffset(2026, 12, 28, 2, 0, 0, TimeSpan.Zero));
            var officer = await SignedInStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
            var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
            var report = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id));
            // 29, 30, 31 December, then 1 and 2 January counted as working days: never later than the legal date.
            Assert.Equal((new DateTimeOffset(2027, 1, 2, 16, 0, 0, TimeSpan.Zero), true), (report.AcceptanceDueAt!.Value, report.DueProvisional));
            var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
            Assert.StartsWith("The official holiday calendar for 2027 is not loaded yet", page.QuerySelector("#deadline-provisional")!.TextContent.Trim(), StringComparison.Ordinal);
            Assert.NotNull((await (await AdminAsync()).GetPageAsync("/Admin/Regimes", "en")).QuerySelector("#calendar-missing"));

            // The administrator adds 2027 (test data: 1 January off) and the site restarts; the next sweep computes it again:
            // 29, 30, 31 December, [Friday 1 January off, the weekend], Monday 4 and Tuesday 5 January.
            File.WriteAllText(Path.Combine(folder.FullName, "2027.json"), """{ "source": "test data", "holidays": { "2027-01-01": "元旦" }, "workdays": {} }""");
            policy.Calendar = WorkingCalendar.Load(folder.FullName);
            await Factory.RunRecurringAsync(Jobs.TimeLimitSweepJob.Id);
            report = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id));
            Assert.Equal((new DateTimeOffset(2027, 1, 5, 16, 0, 0, TimeSpan.Zero), false), (report.AcceptanceDueAt!.Value, report.DueProvisional));
            Assert.Equal(report.AcceptanceDueAt, report.DueAt);
            page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
            Assert.Null(page.QuerySelector("#deadline-provisional"));
            Assert.Equal("by the end of Tuesday, January 5, 2027", page.QuerySelector("#deadline-date")!.TextContent.Trim());
        }
        finally
        {
            policy.Calendar = builtIn;
            folder.Delete(true);
        }
    }
}

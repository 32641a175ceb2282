using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Jobs;
using Petitions.Web.Jobs.Triage;

namespace Petitions.Web.Tests.Triage;

public sealed class RecurringJobTests(PetitionsFactory factory) : WebTest(factory)
{
    private async Task<Guid> FileAsync(Dictionary<string, string?>? fields = null, MultipartFormDataContent? files = null) =>
        (await Filing.FileAndTriageAsync(Factory, NewClient(), fields, files)).Id;

    [Fact]
    public async Task ASignalLeftSetByACrash_IsReDrivenWithinSeconds()
    {
        // A crash killed the drain the signal announced: the flag is set and no drain will clear it.
        await Factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE triage_signal SET \"Pending\" = true WHERE \"Id\" = 1"));
        var (number, _) = Filing.ReadReceipt(await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), Filing.ValidFields())));
        var triaged = () => Factory.QueryAsync(db => db.Reports.AnyAsync(r => r.TrackingNumber == number && r.TriagedAt != null));
        Assert.False(await triaged());

        // Eleven seconds later the outbox sees a set signal beside a waiting report, and re-drives triage.
        Factory.Clock.Set(Factory.Clock.GetUtcNow() + TriageOutboxJob.StuckAfter + TimeSpan.FromSeconds(1));
        await Factory.RunRecurringAsync(TriageOutboxJob.Id);
        await Wait.UntilAsync(triaged, TimeSpan.FromSeconds(15));
        Assert.False(await Factory.QueryAsync(db => db.Database.SqlQuery<bool>($"SELECT \"Pending\" AS \"Value\" FROM triage_signal").SingleAsync()));
    }

    [Fact]
    public void TheOutbox_LooksEveryTenSeconds()
    {
        using var connection = Factory.Service<Hangfire.JobStorage>().GetConnection();
        var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Single(j => j.Id == TriageOutboxJob.Id);
        Assert.Equal("*/10 * * * * *", recurring.Cron);
    }

    /// <summary>The operator's gauges of reports due soon and overdue, sampled now and read from /metrics.</summary>
    private async Task<(double DueSoon, double Overdue)> GaugesAsync()
    {
        await Factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Infrastructure.MetricsSampler>().Single()
            .SampleAsync(CancellationToken.None);
        var text = await new FormClient(Factory.CreateClient(), "127.0.0.1").Http.GetStringAsync("/metrics");
        double Gauge(string name) => double.Parse(System.Text.RegularExpressions.Regex.Match(text, "^" + name + @"(\{[^}]*\})? ([0-9.e+-]+)",
            System.Text.RegularExpressions.RegexOptions.Multiline).Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (Gauge("petitions_reports_due_soon"), Gauge("petitions_reports_overdue"));
    }

    [Fact]
    public async Task Sweep_WithAFakeClock_WarnsOnceWhenDueSoon_AndEscalatesOnceWhenOverdue()
    {
        var officer = await Factory.CreateStaffAsync("officer@county.example", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var supervisor = await Factory.CreateStaffAsync("chief@city.example", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        // Filed at 10:00 on Sunday 1 March, Beijing time, about a deceased person's pension: Order No. 49, reviewed within
        // 5 working days (2, 3, 4, 5, 6 March): due at the end of Friday 6 March (16:00 UTC).
        Factory.Clock.Set(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
        var id = await FileAsync();
        await MailBox.WaitForAsync(Factory.MailFolder, "officer@county.example");
        var due = await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.AcceptanceDueAt).SingleAsync());
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 16, 0, 0, TimeSpan.Zero), due);

        async Task<List<Notification>> NotificationsAsync(NotificationKind kind) =>
            await Factory.QueryAsync(db => db.Notifications.Where(n => n.ReportId == id && n.Kind == kind).ToListAsync());

        // Two days on (Tuesday 3 March, 10:00): nothing to say.
        Factory.Clock.Set(new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero));
        await Factory.RunRecurringAsync(TimeLimitSweepJob.Id);
        Assert.Equal(DueState.OnTime, await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.DueState).SingleAsync()));
        Assert.Empty(await NotificationsAsync(NotificationKind.DueSoon));

        // Thursday 5 March, within the last three days: due soon, the queue's officer is told, once however often the sweep runs.
        Factory.Clock.Set(new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 3; i++)
        {
            await Factory.RunRecurringAsync(TimeLimitSweepJob.Id);
            Factory.Clock.Advance(TimeSpan.FromMinutes(15));
        }
        Assert.Equal(DueState.DueSoon, await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.DueState).SingleAsync()));
        Assert.Equal(officer.Id, Assert.Single(await NotificationsAsync(NotificationKind.DueSoon)).UserId);
        var warning = await MailBox.WaitForAsync(Factory.MailFolder, "officer@county.example", count: 2);
        Assert.Equal("举报即将到期", warning.Subject);
        Assert.Equal((1, 0), await GaugesAsync());

        // Past the deadline (Saturday 7 March, 09:00): escalated to the city's supervisor, once.
        Factory.Clock.Set(new DateTimeOffset(2026, 3, 7, 1, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 3; i++)
        {
            await Factory.RunRecurringAsync(TimeLimitSweepJob.Id);
            Factory.Clock.Advance(TimeSpan.FromMinutes(15));
        }
        var overdue = Assert.Single(await NotificationsAsync(NotificationKind.Overdue));
        Assert.Equal(supervisor.Id, overdue.UserId);
        var escalation = await MailBox.WaitForAsync(Factory.MailFolder, "chief@city.example");
        Assert.Equal("举报已超期", escalation.Subject);
        var report = await Factory.QueryAsync(db => db.Reports.Include(r => r.Events).SingleAsync(r => r.Id == id));
        Assert.Equal(DueState.Overdue, report.DueState);
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 1, 0, 0, TimeSpan.Zero), report.EscalatedAt);
        Assert.Equal((0, 1), await GaugesAsync());
        var escalated = Assert.Single(report.Events, e => e.Kind == ReportEventKind.Escalated);
        Assert.False(escalated.Public);
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Notifications.AllAsync(n => n.SentAt != null)), TimeSpan.FromSeconds(10));
        Assert.Equal(2, MailBox.To(Factory.MailFolder, "officer@county.example").Count);
        Assert.Single(MailBox.To(Factory.MailFolder, "chief@city.example"));
    }

    [Fact]
    public async Task ASweepThatFinds38OverdueReports_SendsTheSupervisorOneDigest_AndDigestPeopleGetNewReportsThere()
    {
        await Factory.CreateStaffAsync("chief@city.example", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        var officer = await Factory.CreateStaffAsync("officer@county.example", Roles.Officer, "周洁", "衡南县信访局", "430422");
        await Factory.QueryAsync(db => db.Users.Where(u => u.Id == officer.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.NewReportsInDigest, true)));
        Factory.Clock.Set(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
        await Factory.QueryAsync(async db =>
        {
            var synthetic = new Seeding.SyntheticReports(Factory.Service<Core.Regions.RegionCatalogue>(), Factory.Service<TimeLimitPolicy>());
            var county = Factory.Service<Core.Regions.RegionCatalogue>().Find("430422");
            for (var i = 0; i < 38; i++)
            {
                var report = synthetic.Next(Factory.Clock.GetUtcNow(), county);
                report.QueueRegionCode = "430422";
                report.TriagedAt = Factory.Clock.GetUtcNow();
                db.Reports.Add(report);
            }
            return await db.SaveChangesAsync();
        });
        // A new report for the officer who chose the digest: no mail of its own.
        await FileAsync();
        Assert.Empty(MailBox.To(Factory.MailFolder, "officer@county.example"));

        Factory.Clock.Set(new DateTimeOffset(2026, 3, 17, 1, 0, 0, TimeSpan.Zero));
        await Factory.RunRecurringAsync(TimeLimitSweepJob.Id);
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Notifications.AllAsync(n => n.SentAt != null)), TimeSpan.FromSeconds(15));
        var digest = Assert.Single(MailBox.To(Factory.MailFolder, "chief@city.example"));
        Assert.Equal("举报提醒：新到 0 件，即将到期 0 件，已超期 39 件", digest.Subject);
        Assert.Contains("已超期、上报给您的（39 件）", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("……另有 19 件：", digest.TextBody, StringComparison.Ordinal);
        // The officer's new report came with the sweep, not before (one item: the short mail).
        var officerDigest = Assert.Single(MailBox.To(Factory.MailFolder, "officer@county.example"));
        Assert.Equal("您的队列中有新的举报", officerDigest.Subject);
    }

    [Fact]
    public async Task Retention_RemovesAttachmentsAndIdentity_OfLongClosedReports_AndKeepsTheStatistics()
    {
        await Factory.CreateUserAsync("wang@example.org", "Citizen-Pass-1", Roles.Citizen);
        var citizen = NewClient(followRedirects: true);
        await citizen.SignInAsync("wang@example.org", "Citizen-Pass-1");
        Dictionary<string, string?> Fields()
        {
            var f = Filing.ValidFields();
            f["Input.Anonymous"] = "false";
            f["Input.ReporterName"] = "王小明";
            f["Input.ReporterPhone"] = "13800000000";
            return f;
        }
        var old = (await Filing.FileAndTriageAsync(Factory, citizen, Fields(), new MultipartFormDataContent { { new ByteArrayContent("evidence"u8.ToArray()), "Files", "a.txt" } })).Id;
        var recent = (await Filing.FileAndTriageAsync(Factory, citizen, Fields(), new MultipartFormDataContent { { new ByteArrayContent("evidence 2"u8.ToArray()), "Files", "b.txt" } })).Id;
        var policy = Factory.Service<TimeLimitPolicy>();
        var officer = Guid.NewGuid();
        await Factory.QueryAsync(async db =>
        {
            foreach (var (id, closedAt) in new[] { (old, DateTimeOffset.UtcNow.AddYears(-4)), (recent, DateTimeOffset.UtcNow.AddDays(-10)) })
            {
                var r = await db.Reports.SingleAsync(x => x.Id == id);
                r.Accept(officer, closedAt.AddDays(-30), policy);
                r.StartVerification(officer, closedAt.AddDays(-29));
                r.RecordFinding(officer, Finding.Verified, "属实", closedAt.AddDays(-2));
                r.Close(officer, "已查实并追回资金。", closedAt);
            }
            return await db.SaveChangesAsync();
        });
        var keys = await Factory.QueryAsync(db => db.Attachments.ToDictionaryAsync(a => a.ReportId, a => a.StorageKey));
        string PathOf(string key) => Path.Combine(Factory.StorageFolder, key[..2], key);

        await Factory.RunRecurringAsync(RetentionJob.Id);

        var purged = await Factory.QueryAsync(db => db.Reports.Include(r => r.Attachments).SingleAsync(r => r.Id == old));
        Assert.NotNull(purged.PurgedAt);
        Assert.Null(purged.IdentityProtected);
        Assert.Null(purged.ReporterKey);
        Assert.NotNull(Assert.Single(purged.Attachments).DeletedAt);
        Assert.False(File.Exists(PathOf(keys[old])));
        Assert.Equal(("deceased-pension", "430422", 150000m, Finding.Verified), (purged.KindCode, purged.RegionCode, purged.AmountYuan!.Value, purged.Finding!.Value));

        var kept = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == recent));
        Assert.Null(kept.PurgedAt);
        Assert.NotNull(kept.IdentityProtected);
        Assert.NotNull(kept.ReporterKey);
        Assert.True(File.Exists(PathOf(keys[recent])));
    }
}

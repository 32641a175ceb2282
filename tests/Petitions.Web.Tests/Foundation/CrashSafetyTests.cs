using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Jobs.Triage;

namespace Petitions.Web.Tests.Foundation;

/// <summary>
/// The site as a real process, killed with SIGKILL at random moments while reports stream in, and restarted.
/// Afterwards every acknowledged report exists and is triaged once, nothing stored is left untriaged, and no
/// notification is doubled. Then PostgreSQL itself restarts under load.
/// </summary>
public sealed class CrashSafetyTests(PetitionsFactory factory) : WebTest(factory)
{
    /// <summary>Files reports in a loop until stopped; records each tracking number the site returned.</summary>
    private static async Task SubmitUntilAsync(Func<Uri> root, ConcurrentBag<string> acknowledged, ConcurrentBag<string> failures, CancellationToken stop)
    {
        var i = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var client = new FormClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = root(), Timeout = TimeSpan.FromSeconds(20) });
                var fields = Filing.ValidFields($"第{i++}件：乡镇劳动保障站持有已故老人的社保卡，按月取款。");
                fields["altcha"] = await Altcha.SolveAsync(client.Http);
                var response = await client.SubmitAsync(await client.GetPageAsync("/Report"), fields, extraContent: new MultipartFormDataContent());
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Add(Filing.ReadReceipt(await FormClient.ParseAsync(response)).Number);
                }
                else if ((int)response.StatusCode >= 500)
                {
                    failures.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or IOException)
            {
                // The site is down (killed) or the database is restarting: try again once it answers healthy.
                try
                {
                    await Wait.UntilAsync(() => stop.IsCancellationRequested ? Task.FromResult(true) : SiteProcess.IsHealthyAsync(root()), TimeSpan.FromSeconds(30));
                }
                catch (TimeoutException)
                {
                    // Still down: the next attempt fails the same way, and the test's own waits report it.
                }
            }
        }
    }

    private async Task AssertEverythingTriagedOnceAsync(ConcurrentBag<string> acknowledged)
    {
        // Work a killed process left half done is picked up by the outbox job once it is a minute old.
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await Factory.RunRecurringAsync(TriageOutboxJob.Id);
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Reports.AllAsync(r => r.TriagedAt != null)), TimeSpan.FromSeconds(60));
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await Factory.RunRecurringAsync(TriageOutboxJob.Id);
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Notifications.AllAsync(n => n.SentAt != null)), TimeSpan.FromSeconds(60));

        var numbers = acknowledged.ToHashSet(StringComparer.Ordinal);
        var stored = await Factory.QueryAsync(db => db.Reports.Select(r => new { r.Id, r.TrackingNumber, r.TriagedAt, r.QueueRegionCode }).ToListAsync());
        Assert.Subset(stored.Select(r => r.TrackingNumber).ToHashSet(StringComparer.Ordinal), numbers);
        Assert.All(stored, r => Assert.True(r.TriagedAt is not null && r.QueueRegionCode == "430422", $"{r.TrackingNumber} not triaged"));
        // Triaged once: one "new report" notification per report for the one officer, one priority row per rule.
        var notifications = await Factory.QueryAsync(db => db.Notifications.GroupBy(n => new { n.ReportId, n.UserId, n.Kind }).Select(g => g.Count()).ToListAsync());
        Assert.Equal(stored.Count, notifications.Count);
        Assert.All(notifications, n => Assert.Equal(1, n));
        // Mail: every notification mailed. A sending that a crash repeats with the same notifications writes the same file
        // (named after the mail's first notification and how many it holds: "notification-{first id}-{count}"); a sweep
        // after a crash may gather several owed ones into one mail, and a kill between a mail and its commit can send one
        // again in another gathering: at most one extra per kill.
        var covered = Directory.EnumerateFiles(Factory.MailFolder, "notification-*.eml")
            .Where(f => File.ReadAllText(f).Contains("officer@example.org", StringComparison.Ordinal))
            .Sum(f => int.Parse(Path.GetFileNameWithoutExtension(f).Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(covered, stored.Count, stored.Count + 5);
    }

    [Fact]
    public async Task KilledFiveTimesWhileFiling_LosesNothingAcknowledged_AndTriagesEachOnce()
    {
        await Factory.CreateStaffAsync("officer@example.org", Roles.Officer, "李", "衡南县信访局", "430422");
        var port = SiteProcess.FreePort();
        var site = await SiteProcess.StartAsync(Factory, port);
        var acknowledged = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => SubmitUntilAsync(() => site.Root, acknowledged, failures, stop.Token))).ToList();
        var random = new Random(2021);
        try
        {
            for (var kill = 0; kill < 5; kill++)
            {
                // A random moment: after 3 to 8 more acknowledged reports, with writers mid-request.
                var target = acknowledged.Count + random.Next(3, 9);
                await Wait.UntilAsync(() => Task.FromResult(acknowledged.Count >= target), TimeSpan.FromSeconds(60));
                site.Kill();
                await site.DisposeAsync();
                site = await SiteProcess.StartAsync(Factory, port);
            }
            var last = acknowledged.Count;
            await Wait.UntilAsync(() => Task.FromResult(acknowledged.Count >= last + 3), TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            await site.DisposeAsync();
        }
        Assert.Empty(failures);
        Assert.True(acknowledged.Count >= 18, $"{acknowledged.Count} acknowledged");
        await AssertEverythingTriagedOnceAsync(acknowledged);
    }

    [Fact]
    public async Task PostgreSqlRestartingUnderLoad_TheSiteAnswersWithin10Seconds_AndLosesNothing()
    {
        var data = Environment.GetEnvironmentVariable("PETITIONS_PG_DATA");
        var bin = Environment.GetEnvironmentVariable("PETITIONS_PG_BIN");
        Assert.False(string.IsNullOrEmpty(data) || string.IsNullOrEmpty(bin), "run with ./petitions test (PETITIONS_PG_DATA and PETITIONS_PG_BIN)");
        await Factory.CreateStaffAsync("officer@example.org", Roles.Officer, "李", "衡南县信访局", "430422");
        await using var site = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort());
        var acknowledged = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => SubmitUntilAsync(() => site.Root, acknowledged, failures, stop.Token))).ToList();
        TimeSpan back;
        try
        {
            await Wait.UntilAsync(() => Task.FromResult(acknowledged.Count >= 3), TimeSpan.FromSeconds(60));
            // The cluster belongs to the postgres user (initdb refuses root): restart it as that user, fast mode.
            // With its own log file, so the restarted server does not hold this test's output pipes (and live on after it).
            var log = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(data!))!, "pg.log");
            var restart = System.Diagnostics.Process.Start("runuser", ["-u", "postgres", "--", Path.Combine(bin!, "pg_ctl"), "-D", data!, "-l", log, "restart", "-m", "fast", "-w"])!;
            await restart.WaitForExitAsync();
            Assert.Equal(0, restart.ExitCode);
            var restarted = System.Diagnostics.Stopwatch.StartNew();
            var count = acknowledged.Count;
            await Wait.UntilAsync(() => Task.FromResult(acknowledged.Count > count), TimeSpan.FromSeconds(10));
            back = restarted.Elapsed;
            var later = acknowledged.Count;
            await Wait.UntilAsync(() => Task.FromResult(acknowledged.Count >= later + 3), TimeSpan.FromSeconds(30));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            // Every idle connection this test process pooled before the restart is dead: the tests after this one
            // (and the in-process site and job server) get fresh ones instead of "terminating connection" on first use.
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
        Assert.True(back < TimeSpan.FromSeconds(10), $"answered again after {back}");
        await AssertEverythingTriagedOnceAsync(acknowledged);
    }
}

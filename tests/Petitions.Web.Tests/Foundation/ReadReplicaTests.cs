using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Testing;
using Petitions.Web.Tests.Statistics;

namespace Petitions.Web.Tests.Foundation;

/// <summary>
/// A streaming standby serves the statistics (counted in the standby's own table statistics), a write through the
/// site goes to the primary, and a lagging or stopped standby leaves the pages answering from the primary.
/// </summary>
public sealed class ReadReplicaTests(PetitionsFactory factory) : WebTest(factory)
{
    private const string SnapshotScans =
        "SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)::bigint FROM pg_stat_user_tables WHERE relname = 'stats_snapshots'";

    private static async Task<DateTimeOffset?> ShownAsOfAsync(FormClient client)
    {
        var page = await client.GetPageAsync("/Stats?region=430000");
        var value = page.QuerySelector("#stats-asof")?.GetAttribute("datetime");
        return value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
    }

    private async Task<DateTimeOffset> NewSnapshotAsync()
    {
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        await StatsPages.RefreshAsync(Factory);
        return await Factory.QueryAsync(db => db.StatsSnapshots.MaxAsync(s => s.AsOf));
    }

    [Fact]
    public async Task StatisticsComeFromTheStandby_WritesGoToThePrimary_AndALaggingOrStoppedStandbyFallsBackToThePrimary()
    {
        await StatsPages.StoreAsync(Factory, Enumerable.Range(0, 12).Select(i =>
            StatsPages.Received(Factory, "430422", "deceased-pension", new DateOnly(2026, 1 + (i % 10), 3))));
        var first = await NewSnapshotAsync();

        await using var standby = await LocalCluster.StartStandbyAsync();
        var database = Factory.Database.Name;
        await Wait.UntilAsync(async () => await standby.ScalarAsync<long>(database, "SELECT count(*) FROM stats_snapshots") >= 1, TimeSpan.FromSeconds(30));
        await using var site = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), new Dictionary<string, string>
        {
            ["ConnectionStrings:PetitionsRead"] = standby.ReadConnectionString(database),
            ["ReadReplica:MaxLagSeconds"] = "1",
            ["ReadReplica:CheckEverySeconds"] = "0.2",
            ["Petitions:RunJobServer"] = "false",
        });
        var visitor = new FormClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.Root });

        // 1. The public statistics are read on the standby: its own scan counters of the snapshot table move.
        var scansBefore = await standby.ScalarAsync<long>(database, SnapshotScans);
        Assert.Equal(first, await ShownAsOfAsync(visitor));
        await Wait.UntilAsync(async () => await standby.ScalarAsync<long>(database, SnapshotScans) > scansBefore, TimeSpan.FromSeconds(15));

        // 2. A report filed through the site is written to the primary (the standby would refuse it) and reaches the standby.
        var filed = await Filing.PostAsync(visitor, Filing.ValidFields());
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var (number, _) = Filing.ReadReceipt(await FormClient.ParseAsync(filed));
        Assert.True(await Factory.QueryAsync(db => db.Reports.AnyAsync(r => r.TrackingNumber == number)));
        await Wait.UntilAsync(async () => await standby.ScalarAsync<long>(database, $"SELECT count(*) FROM reports WHERE \"TrackingNumber\" = '{number}'") == 1,
            TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("read-only transaction", site.Output, StringComparison.Ordinal);

        // 3. The standby stops replaying (lags): a newer snapshot written to the primary is what the page shows.
        await standby.ExecuteAsync("SELECT pg_wal_replay_pause()");
        var second = await NewSnapshotAsync();
        Assert.True(second > first);
        await Wait.UntilAsync(async () => await ShownAsOfAsync(visitor) == second, TimeSpan.FromSeconds(30));
        Assert.Equal(0, await standby.ScalarAsync<long>(database, $"SELECT count(*) FROM stats_snapshots WHERE \"AsOf\" = '{second:O}'"));

        // 4. The standby goes down: every page still answers, from the primary.
        await standby.ExecuteAsync("SELECT pg_wal_replay_resume()");
        await standby.StopAsync();
        var third = await NewSnapshotAsync();
        for (var i = 0; i < 5; i++)
        {
            using var stats = await visitor.Http.GetAsync("/Stats?region=430000");
            Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        }
        // Written by another process: this site's page cache lets it go within a second or two.
        await Wait.UntilAsync(async () => await ShownAsOfAsync(visitor) == third, TimeSpan.FromSeconds(30));
        using var ready = await visitor.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}

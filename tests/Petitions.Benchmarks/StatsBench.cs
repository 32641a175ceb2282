using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Petitions.Testing;
using Petitions.Web.Statistics;

namespace Petitions.Benchmarks;

/// <summary>The statistics kept by folding: what a fold costs, what the nightly check costs, how far behind the figures run under load.</summary>
public static class StatsBench
{
    public static async Task<(int Reports, double Seconds)> FoldAsync(PetitionsFactory factory)
    {
        var watch = Stopwatch.StartNew();
        using var scope = factory.Services.CreateScope();
        var folded = await scope.ServiceProvider.GetRequiredService<StatsFolding>().FoldAsync(CancellationToken.None);
        return (folded, watch.Elapsed.TotalSeconds);
    }

    public static async Task<(int Cells, double Seconds)> CompareAsync(PetitionsFactory factory)
    {
        var watch = Stopwatch.StartNew();
        using var scope = factory.Services.CreateScope();
        var cells = await scope.ServiceProvider.GetRequiredService<StatsFolding>().CompareAsync(CancellationToken.None);
        return (cells, watch.Elapsed.TotalSeconds);
    }

    public static async Task<double> RefreshAsync(PetitionsFactory factory)
    {
        var watch = Stopwatch.StartNew();
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Web.Jobs.StatsRefreshJob>().RunAsync(CancellationToken.None);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Concludes <paramref name="count"/> open reports of 衡南县 in one statement (as the time-limit sweep would change many).</summary>
    public static async Task ChangeAsync(PetitionsFactory factory, int count)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            UPDATE reports SET "Status" = 'Closed', "ConcludedAt" = "SubmittedAt" + interval '30 days', "Finding" = 'Verified'
            WHERE "Id" IN (SELECT "Id" FROM reports WHERE "RegionCode" = '430422' AND "Status" = 'UnderVerification' LIMIT @count)
            """, connection);
        command.Parameters.AddWithValue("count", count);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Files <paramref name="perSecond"/> reports a second (in SQL, through the same trigger as the site) for
    /// <paramref name="seconds"/> seconds while a fold runs every 15 seconds, as the job does; samples each second the
    /// age of the oldest change not yet folded. Returns the samples, in seconds.
    /// </summary>
    public static async Task<List<double>> LagUnderLoadAsync(PetitionsFactory factory, int perSecond, int seconds, long firstNumber)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var filing = Task.Run(async () =>
        {
            var next = firstNumber;
            var clock = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                await QueueBench.SeedAsync(factory, perSecond / 10, next);
                next += perSecond / 10;
                var due = TimeSpan.FromSeconds((next - firstNumber) / (double)perSecond);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }
            }
        });
        var folding = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await FoldAsync(factory);
                await Task.Delay(TimeSpan.FromSeconds(15), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });
        var samples = new List<double>();
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        while (!stop.IsCancellationRequested)
        {
            await using var command = new NpgsqlCommand("SELECT coalesce(extract(epoch FROM now() - min(noted_at)), 0)::float8 FROM stats_changes", connection);
            samples.Add((double)(await command.ExecuteScalarAsync())!);
            await Task.Delay(TimeSpan.FromSeconds(1), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        await Task.WhenAll(filing, folding);
        return samples;
    }
}

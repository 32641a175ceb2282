using Hangfire;
using Petitions.Web.Infrastructure;
using Petitions.Web.Statistics;

namespace Petitions.Web.Jobs;

/// <summary>
/// Nightly: counts every figure again from the reports and compares it with the figures kept up to date by folding. A
/// difference means a change escaped the trigger (or the time zone changed): it is logged as an error and counted in
/// the metric <c>petitions.statistics.differences</c>, and the figures are counted again from scratch.
/// </summary>
public sealed class StatsCheckJob(StatsFolding folding, PetitionsMetrics metrics, ILogger<StatsCheckJob> logger)
{
    public const string Id = "stats-check";

    [DisableConcurrentExecution(3600)]
    [AutomaticRetry(Attempts = 1)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var differences = await folding.CompareAsync(ct);
        if (differences == 0)
        {
            logger.LogInformation("Statistics checked against a count from scratch: equal");
            return 0;
        }
        metrics.StatisticsDifferences.Add(differences);
        logger.LogError("Statistics differ from a count from scratch in {Cells} cells; counting them again", differences);
        await folding.RebuildAsync(ct);
        return differences;
    }
}

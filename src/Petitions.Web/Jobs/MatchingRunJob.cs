using Hangfire;
using Petitions.Web.UseCases.Matching;

namespace Petitions.Web.Jobs;

/// <summary>The matching run, monthly and after each import; one at a time.</summary>
public sealed class MatchingRunJob(MatchingRun run)
{
    public const string Id = "matching-run";

    [DisableConcurrentExecution(3600)]
    [AutomaticRetry(Attempts = 3)]
    public Task<int> RunAsync(CancellationToken ct) => run.RunAsync(ct);
}

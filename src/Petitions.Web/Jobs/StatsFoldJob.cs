using Hangfire;
using Petitions.Web.Statistics;

namespace Petitions.Web.Jobs;

/// <summary>
/// Every few seconds, folds the reports changed since the last fold into the complete figures /Oversight reads. A fold is
/// one transaction: if the process dies, the changes stay noted and the next fold (in any process) takes them.
/// </summary>
public sealed class StatsFoldJob(StatsFolding folding)
{
    public const string Id = "stats-fold";

    [DisableConcurrentExecution(60)]
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken ct) => folding.FoldAsync(ct);
}

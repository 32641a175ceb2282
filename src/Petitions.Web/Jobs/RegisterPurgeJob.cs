using Hangfire;
using Petitions.Web.UseCases.Matching;

namespace Petitions.Web.Jobs;

/// <summary>Purges register imports past their keeping period (<c>Registers:KeepDays</c>), rows and all.</summary>
public sealed class RegisterPurgeJob(RegisterImporter importer)
{
    public const string Id = "register-purge";

    [DisableConcurrentExecution(600)]
    [AutomaticRetry(Attempts = 2)]
    public Task<int> RunAsync(CancellationToken ct) => importer.PurgeExpiredAsync(ct);
}

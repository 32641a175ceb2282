using Hangfire;
using Petitions.Web.Services;

namespace Petitions.Web.Jobs;

/// <summary>Anchors the audit chain outside the database on a schedule (<see cref="AuditCheckpoints"/>).</summary>
public sealed class AuditCheckpointJob(AuditCheckpoints checkpoints)
{
    public const string Id = "audit-checkpoint";

    [DisableConcurrentExecution(60)]
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(CancellationToken ct) => await checkpoints.WriteAsync(ct);
}

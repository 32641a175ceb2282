using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Server;

namespace Petitions.Testing;

/// <summary>
/// The jobs this test process's Hangfire workers are executing right now. The storage's "processing" state is not the
/// same thing: a job whose worker lost its database connection mid-way (a test restarted PostgreSQL) stays "processing"
/// in storage with nobody running it until its lease expires. Between tests, only jobs really running matter.
/// </summary>
public sealed class RunningJobs : IServerFilter
{
    private static readonly ConcurrentDictionary<string, byte> Executing = new();
    private static int _registered;

    /// <summary>Registers the filter once for the process (Hangfire's filters are global).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            GlobalJobFilters.Filters.Add(new RunningJobs());
        }
    }

    public static bool None => Executing.IsEmpty;

    public static string Describe() => string.Join(", ", Executing.Keys);

    public void OnPerforming(PerformingContext context) => Executing[context.BackgroundJob.Id] = 0;

    public void OnPerformed(PerformedContext context) => Executing.TryRemove(context.BackgroundJob.Id, out _);
}

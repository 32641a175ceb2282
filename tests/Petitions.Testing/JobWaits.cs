using Hangfire;

namespace Petitions.Testing;

/// <summary>Runs real Hangfire jobs and waits for their outcome, never a fixed time.</summary>
public static class JobWaits
{
    /// <summary>Triggers a recurring job now and waits until that run has succeeded.</summary>
    public static async Task RunRecurringAsync(this PetitionsFactory factory, string recurringJobId, TimeSpan? timeout = null)
    {
        var manager = (IRecurringJobManagerV2)factory.Service<IRecurringJobManager>();
        var jobId = manager.TriggerJob(recurringJobId) ?? throw new InvalidOperationException($"No recurring job {recurringJobId}.");
        await factory.WaitForJobAsync(jobId, timeout);
    }

    /// <summary>Waits until no job is queued and none is running (a run an import asked for, say, has ended).</summary>
    public static async Task WaitForIdleAsync(this PetitionsFactory factory, TimeSpan? timeout = null)
    {
        var monitor = factory.Service<JobStorage>().GetMonitoringApi();
        await Wait.UntilAsync(() => monitor.Queues().Sum(q => q.Length) == 0 && RunningJobs.None, timeout ?? TimeSpan.FromSeconds(30));
    }

    public static async Task WaitForJobAsync(this PetitionsFactory factory, string jobId, TimeSpan? timeout = null)
    {
        var monitor = factory.Service<JobStorage>().GetMonitoringApi();
        string? state = null;
        await Wait.UntilAsync(() => (state = monitor.JobDetails(jobId)?.History.FirstOrDefault()?.StateName) is "Succeeded" or "Failed" or "Deleted",
            timeout ?? TimeSpan.FromSeconds(20));
        if (state != "Succeeded")
        {
            throw new InvalidOperationException($"Job {jobId} ended {state}.");
        }
    }
}

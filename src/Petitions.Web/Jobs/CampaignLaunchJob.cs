using Hangfire;

namespace Petitions.Web.Jobs;

/// <summary>
/// Launches a campaign: freezes its scope into items and assigns independent reviewers. Safe to run again after a
/// crash (Hangfire re-runs a job whose worker died): each report is in a campaign once, assignments already made stay.
/// </summary>
public sealed class CampaignLaunchJob(UseCases.Reexamination.Campaigns campaigns, Data.AppDbContext db, ILogger<CampaignLaunchJob> logger)
{
    public const string SweepId = "campaign-launch-sweep";

    /// <summary>
    /// Launches every campaign still marked as launching (at start-up and every minute). No Hangfire lock: a lock held
    /// by a killed process would outlive it; the launch's own advisory lock is PostgreSQL's and dies with the session.
    /// </summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var launching = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Campaigns.Where(c => c.Status == Core.Campaigns.CampaignStatus.Launching).Select(c => c.Id), ct);
        foreach (var id in launching)
        {
            await RunAsync(id, ct);
        }
    }

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800])]
    public async Task RunAsync(Guid campaignId, CancellationToken ct)
    {
        var (items, unassigned) = await campaigns.LaunchAsync(campaignId, ct);
        logger.LogInformation("Campaign launched: {Items} items, {Unassigned} without an eligible reviewer", items, unassigned);
    }
}

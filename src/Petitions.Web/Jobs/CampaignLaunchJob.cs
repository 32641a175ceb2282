using Hangfire;

namespace Petitions.Web.Jobs;

/// <summary>
/// Launches a campaign: freezes its scope into items and assigns independent reviewers. Safe to run again after a
/// crash (Hangfire re-runs a job whose worker died): each report is in a campaign once, assignments already made stay.
/// </summary>
public sealed class CampaignLaunchJob(UseCases.Campaigns campaigns, ILogger<CampaignLaunchJob> logger)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800])]
    public async Task RunAsync(Guid campaignId, CancellationToken ct)
    {
        var (items, unassigned) = await campaigns.LaunchAsync(campaignId, ct);
        logger.LogInformation("Campaign launched: {Items} items, {Unassigned} without an eligible reviewer", items, unassigned);
    }
}

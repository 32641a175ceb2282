using Hangfire;
using Petitions.Data;
using Petitions.Web.UseCases;
using Petitions.Web.Jobs.Triage;

namespace Petitions.Web.Jobs;

/// <summary>The work use cases leave for the background, as Hangfire jobs.</summary>
public sealed class HangfireWorkQueue(AppDbContext db, IBackgroundJobClient jobs, CampaignLessons lessons) : IWorkQueue
{
    public Task TriageOwedAsync(CancellationToken ct) => TriageSignal.RaiseAsync(db, jobs, ct);

    public void ReporterMailOwed() => jobs.Enqueue<ReporterMailJob>(j => j.SendOwedAsync(CancellationToken.None));

    public void CampaignLaunched(Guid campaignId) => jobs.Enqueue<CampaignLaunchJob>(j => j.RunAsync(campaignId, CancellationToken.None));

    public void LessonsChanged() => lessons.Invalidate();

    public void MatchingOwed() => jobs.Enqueue<MatchingRunJob>(j => j.RunAsync(CancellationToken.None));
}

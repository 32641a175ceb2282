namespace Petitions.Web.UseCases;

/// <summary>
/// The work a use case leaves for the background, named by what is owed rather than by the job that does it: use
/// cases and pages ask for it here and never reach into the jobs (the jobs call use cases, never the reverse; an
/// architecture test keeps it so). The Hangfire implementation is <c>Jobs.HangfireWorkQueue</c>.
/// </summary>
public interface IWorkQueue
{
    /// <summary>New reports wait for triage (the signal row is flipped and one drain job is enqueued if none is owed).</summary>
    Task TriageOwedAsync(CancellationToken ct);

    /// <summary>Mail to reporters is owed (the notices just committed).</summary>
    void ReporterMailOwed();

    /// <summary>A launched campaign's items are to be drawn.</summary>
    void CampaignLaunched(Guid campaignId);

    /// <summary>A review or a lesson changed: triage reads the campaigns' lessons again at once.</summary>
    void LessonsChanged();

    /// <summary>A register was imported: the matching runs again over what the registers now hold.</summary>
    void MatchingOwed();
}

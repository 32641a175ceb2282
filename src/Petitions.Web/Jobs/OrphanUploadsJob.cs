using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Jobs;

/// <summary>
/// Files are stored as soon as they are uploaded, so a form shown again with errors keeps them. A form that is
/// never submitted leaves its files behind; once their tokens have expired (24 hours) nothing can claim them,
/// and this job deletes every stored file that no attachment row refers to.
/// </summary>
public sealed class OrphanUploadsJob(AppDbContext db, AttachmentStore store, TimeProvider clock, ILogger<OrphanUploadsJob> logger)
{
    public const string Id = "orphan-uploads";

    /// <summary>Longer than a pending upload's token lives, so a file still being filed in is never taken.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromHours(25);

    [DisableConcurrentExecution(600)]
    [AutomaticRetry(Attempts = 2)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - Grace;
        var deleted = 0;
        foreach (var batch in store.StoredBefore(cutoff).Chunk(500))
        {
            var keys = batch.ToList();
            // A file belongs to a report or to a re-examination record; anything else, this old, was never claimed.
            var kept = await db.Attachments.Where(a => keys.Contains(a.StorageKey)).Select(a => a.StorageKey)
                .Concat(db.CampaignEvidence.Where(e => keys.Contains(e.StorageKey)).Select(e => e.StorageKey)).ToListAsync(ct);
            foreach (var key in keys.Except(kept, StringComparer.Ordinal))
            {
                store.Delete(key);
                deleted++;
            }
        }
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} uploads that no report claimed", deleted);
        }
        return deleted;
    }
}

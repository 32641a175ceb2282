using Microsoft.EntityFrameworkCore;
using Petitions.Core.Campaigns;
using Petitions.Core.Regions;
using Petitions.Data;

namespace Petitions.Web.Jobs.Triage;

/// <summary>
/// The counties a campaign's lesson sends up to their city (see <see cref="Campaign.LessonThresholdPercent"/>), read
/// for triage at most every 30 seconds (a grouped read over the campaigns' items), and at once after a review or a
/// change of the lesson in this process.
/// </summary>
public sealed class CampaignLessons(RegionCatalogue regions, TimeProvider clock)
{
    public sealed record Lesson(Guid CampaignId, string CampaignName, decimal Rate, int Threshold);

    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(DateTimeOffset At, IReadOnlyDictionary<string, Lesson> Counties);

    public void Invalidate() => _snapshot = null;

    public async Task<IReadOnlyDictionary<string, Lesson>> GetAsync(AppDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_snapshot is { } s && now - s.At < Fresh)
        {
            return s.Counties;
        }
        var counties = new Dictionary<string, Lesson>(StringComparer.Ordinal);
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.Status == CampaignStatus.Active && c.LessonThresholdPercent != null).OrderBy(c => c.CreatedAt).ToListAsync(ct);
        foreach (var campaign in campaigns)
        {
            var counts = await db.CampaignItems.Where(i => i.CampaignId == campaign.Id && i.Verdict != null).GroupBy(i => i.RegionCode)
                .Select(g => new { g.Key, Reviewed = g.Count(), Overturned = g.Count(i => i.Verdict == ReviewVerdict.Overturned) }).ToListAsync(ct);
            var inCounties = counts.Where(c => regions.Find(c.Key)?.Level == RegionLevel.County).Select(c => (c.Key, c.Reviewed, c.Overturned));
            foreach (var (county, rate) in campaign.CountiesToEscalate(inCounties))
            {
                // The first campaign that names a county explains it.
                counties.TryAdd(county, new Lesson(campaign.Id, campaign.Name, rate, campaign.LessonThresholdPercent!.Value));
            }
        }
        _snapshot = new Snapshot(now, counties);
        return counties;
    }
}

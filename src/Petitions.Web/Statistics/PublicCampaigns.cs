using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Statistics;

/// <summary>The launched campaigns' public totals on /Stats, read with each snapshot (once a minute), not on every request.</summary>
public static class PublicCampaigns
{
    /// <summary>A campaign's public totals; a null count is withheld (fewer than five, or enough to work one out).</summary>
    public sealed record Totals(string Name, string LeadBody, string RegionCode, long? Items, long? Reviewed, long? Overturned, decimal? MoneyToStop, decimal? MoneyToRecover);

    /// <summary>
    /// Every launched campaign's totals, with the statistics' small-cell rule: items, reviewed, overturned and upheld
    /// (reviewed = overturned + upheld, so hiding one hides another); money only when the overturned count is shown.
    /// </summary>
    public static async Task<IReadOnlyList<Totals>> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Campaigns.AsNoTracking().Where(c => c.Status == Core.Campaigns.CampaignStatus.Active).OrderByDescending(c => c.LaunchedAt)
            .Select(c => new
            {
                c.Name, c.LeadBody, c.RegionCode,
                Items = db.CampaignItems.Count(i => i.CampaignId == c.Id),
                Reviewed = db.CampaignItems.Count(i => i.CampaignId == c.Id && i.Verdict != null),
                Overturned = db.CampaignItems.Count(i => i.CampaignId == c.Id && i.Verdict == Core.Campaigns.ReviewVerdict.Overturned),
                Stop = db.CampaignItems.Where(i => i.CampaignId == c.Id).Sum(i => i.MoneyToStopYuan),
                Recover = db.CampaignItems.Where(i => i.CampaignId == c.Id).Sum(i => i.MoneyToRecoverYuan),
            }).Take(20).ToListAsync(ct);
        return rows.Select(r =>
        {
            long[] values = [r.Items, r.Reviewed, r.Overturned, r.Reviewed - r.Overturned];
            var hidden = Core.Statistics.Suppression.Apply(values, [new Core.Statistics.SumConstraint(1, [2, 3])]);
            long? Shown(int i) => hidden[i] ? null : values[i];
            return new Totals(r.Name, r.LeadBody, r.RegionCode, Shown(0), Shown(1), Shown(2),
                hidden[2] ? null : r.Stop, hidden[2] ? null : r.Recover);
        }).ToList();
    }
}

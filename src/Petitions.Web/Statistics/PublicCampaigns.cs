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
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.Status == Core.Campaigns.CampaignStatus.Active).OrderByDescending(c => c.LaunchedAt)
            .Select(c => new { c.Id, c.Name, c.LeadBody, c.RegionCode }).Take(20).ToListAsync(ct);
        var sums = await CampaignTallies.SumsAsync(db, campaigns.Select(c => c.Id).ToList(), ct);
        var rows = campaigns.Select(c => sums.TryGetValue(c.Id, out var n)
            ? new { c.Name, c.LeadBody, c.RegionCode, n.Items, n.Reviewed, n.Overturned, Stop = n.MoneyToStop, Recover = n.MoneyToRecover }
            : new { c.Name, c.LeadBody, c.RegionCode, Items = 0L, Reviewed = 0L, Overturned = 0L, Stop = 0m, Recover = 0m });
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

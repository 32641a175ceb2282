using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.Statistics;

/// <summary>
/// Campaigns' totals from their tallies (<c>campaign_tallies</c>, kept by triggers on the items in the changing
/// transaction): one row per campaign and county to add up, however many items a campaign holds.
/// </summary>
public static class CampaignTallies
{
    public sealed record Sum(Guid CampaignId, long Items, long Reviewed, long Overturned, decimal MoneyToStop, decimal MoneyToRecover);

    public static async Task<Dictionary<Guid, Sum>> SumsAsync(AppDbContext db, IReadOnlyCollection<Guid> campaigns, CancellationToken ct)
    {
        var ids = campaigns.ToArray();
        return (await db.Database.SqlQuery<Sum>($"""
                SELECT campaign_id AS "CampaignId", sum(items)::bigint AS "Items", sum(reviewed)::bigint AS "Reviewed",
                       sum(overturned)::bigint AS "Overturned", sum(money_to_stop) AS "MoneyToStop", sum(money_to_recover) AS "MoneyToRecover"
                FROM campaign_tallies WHERE dim = 'all' AND campaign_id = ANY({ids}) GROUP BY campaign_id
                """).ToListAsync(ct)).ToDictionary(s => s.CampaignId);
    }

    /// <summary>One row of a campaign's tallies: a county's items under one value of one dimension.</summary>
    public sealed record Row(string Dim, string RegionCode, string Key, int Items, int Reviewed, int Overturned, int Unassigned,
        decimal MoneyToStop, decimal MoneyToRecover);

    /// <summary>Every non-empty tally row of one campaign (a few per county and dimension).</summary>
    public static async Task<List<Row>> RowsAsync(AppDbContext db, Guid campaign, CancellationToken ct) =>
        await db.Database.SqlQuery<Row>($"""
            SELECT dim AS "Dim", trim(region_code) AS "RegionCode", key AS "Key", items AS "Items", reviewed AS "Reviewed",
                   overturned AS "Overturned", unassigned AS "Unassigned", money_to_stop AS "MoneyToStop", money_to_recover AS "MoneyToRecover"
            FROM campaign_tallies WHERE campaign_id = {campaign} AND items <> 0
            """).ToListAsync(ct);
}

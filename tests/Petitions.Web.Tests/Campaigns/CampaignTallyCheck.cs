using Petitions.Testing;

namespace Petitions.Web.Tests.Campaigns;

/// <summary>The campaigns' tallies (kept by triggers) against a count of the items from scratch: the rows that differ.</summary>
public static class CampaignTallyCheck
{
    public static Task AssertEqualAsync(PetitionsFactory factory) => AssertEqualAsync(factory.Database.ConnectionString);

    public static async Task AssertEqualAsync(string connectionString)
    {
        const string counted = """
            SELECT c."CampaignId" AS campaign_id, d.dim, c."RegionCode" AS region_code, d.key, count(*)::int AS items, count(c."Verdict")::int AS reviewed,
                   (count(*) FILTER (WHERE c."Verdict" = 'Overturned'))::int AS overturned, (count(*) FILTER (WHERE c."ReviewerId" IS NULL))::int AS unassigned,
                   sum(c."MoneyToStopYuan")::numeric(18,2) AS money_to_stop, sum(c."MoneyToRecoverYuan")::numeric(18,2) AS money_to_recover
            FROM campaign_items c
            CROSS JOIN LATERAL (VALUES ('all', ''), ('unit', coalesce(c."OriginalUnit", '')), ('reviewer', coalesce(c."ReviewerId"::text, '')),
                ('handler', coalesce(c."OriginalHandlerId"::text, '')), ('finding', coalesce(c."NewFinding", ''))) d (dim, key)
            GROUP BY 1, 2, 3, 4
            """;
        const string kept = """
            SELECT campaign_id, dim, region_code, key, items, reviewed, overturned, unassigned, money_to_stop, money_to_recover
            FROM campaign_tallies WHERE items <> 0
            """;
        var differing = await ScalarAsync(connectionString, $"SELECT count(*) FROM (({counted} EXCEPT {kept}) UNION ALL ({kept} EXCEPT {counted})) x");
        var rows = await ScalarAsync(connectionString, "SELECT count(*) FROM campaign_tallies WHERE items <> 0");
        Assert.True(rows > 0, "no tallies at all");
        Assert.Equal(0, differing);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Core.Regions;
using Petitions.Core.Statistics;
using Petitions.Data;

namespace Petitions.Web.Statistics;

/// <summary>
/// Reads the statistics tables (stats_cube, stats_days; see the IncrementalStatistics migration). A request for one
/// region and period is four small grouped reads of that region's rows, sent as one batch. Every read here
/// may be served by the read replica (<see cref="Infrastructure.ReadDb"/>): the figures are minutes old anyway.
/// </summary>
public sealed class StatsQueries(Infrastructure.ReadDb read, RegionCatalogue regions)
{
    /// <summary>When the reports' changes were last folded into the figures (every few seconds).</summary>
    public async Task<DateTimeOffset?> AsOfAsync(CancellationToken ct) =>
        await (await read.GetAsync(ct)).Database.SqlQueryRaw<DateTimeOffset?>("SELECT folded_at AS \"Value\" FROM stats_state").FirstOrDefaultAsync(ct);

    /// <summary>The kinds of report, in their order, for labels and for the parts of the kind breakdown.</summary>
    public async Task<IReadOnlyList<Core.Reports.ReportKind>> KindsAsync(CancellationToken ct) =>
        await (await read.GetAsync(ct)).ReportKinds.AsNoTracking().OrderBy(k => k.SortOrder).ToListAsync(ct);

    /// <summary>Every figure for <paramref name="region"/>, for reports received in the months from..to (inclusive; null = open).</summary>
    public async Task<RegionFigures> LoadAsync(string region, DateOnly? fromMonth, DateOnly? toMonth, CancellationToken ct)
    {
        var db = await read.GetAsync(ct);
        // Through the retrying strategy: a pooled connection to a standby that has just stopped fails once, and the
        // retry opens a fresh one (to the primary when the read connection string is multi-host).
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(ct2 => LoadAsync(db, region, fromMonth, toMonth, ct2), ct);
    }

    private async Task<RegionFigures> LoadAsync(AppDbContext db, string region, DateOnly? fromMonth, DateOnly? toMonth, CancellationToken ct)
    {
        var from = fromMonth ?? new DateOnly(1900, 1, 1);
        var to = toMonth ?? new DateOnly(9999, 12, 1);
        var children = regions.ChildrenOf(region).Select(c => c.Code).ToArray();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(Command("""
                SELECT dim, val, sum(n)::bigint, sum(money_stopped), sum(money_recovered), sum(sanctioned)::bigint, sum(referred)::bigint
                FROM stats_cube WHERE region = $1::char(6) AND month BETWEEN $2 AND $3 GROUP BY dim, val
                """, region, from, to));
            batch.BatchCommands.Add(Command("""
                SELECT month, sum(n)::bigint FROM stats_cube
                WHERE region = $1::char(6) AND dim = 'all' AND month BETWEEN $2 AND $3 GROUP BY month ORDER BY month
                """, region, from, to));
            batch.BatchCommands.Add(Command("""
                SELECT region::text, sum(n)::bigint FROM stats_cube
                WHERE region = ANY($1::char(6)[]) AND dim = 'all' AND month BETWEEN $2 AND $3 GROUP BY region
                """, children, from, to));
            batch.BatchCommands.Add(Command("""
                SELECT metric, days, sum(n)::bigint FROM stats_days
                WHERE region = $1::char(6) AND month BETWEEN $2 AND $3 GROUP BY metric, days
                """, region, from, to));
            await using var reader = await batch.ExecuteReaderAsync(ct);
            var figures = new RegionFigures { RegionCode = region, Total = 0, MoneyStopped = 0, MoneyRecovered = 0, PeopleSanctioned = 0, PeopleReferred = 0 };
            while (await reader.ReadAsync(ct))
            {
                var dim = reader.GetString(0);
                var count = reader.GetInt64(2);
                if (dim == "all")
                {
                    figures.Total = count;
                    figures.MoneyStopped = reader.GetDecimal(3);
                    figures.MoneyRecovered = reader.GetDecimal(4);
                    figures.PeopleSanctioned = reader.GetInt64(5);
                    figures.PeopleReferred = reader.GetInt64(6);
                }
                else
                {
                    Values(figures, dim)[reader.GetString(1)] = count;
                }
            }
            await reader.NextResultAsync(ct);
            var months = new SortedDictionary<DateOnly, long>();
            while (await reader.ReadAsync(ct))
            {
                months[reader.GetFieldValue<DateOnly>(0)] = reader.GetInt64(1);
            }
            // Every month between the first and the last with reports, so the trend shows quiet months as zero.
            var trend = Values(figures, StatsDims.Month);
            if (months.Count > 0)
            {
                for (var m = months.Keys.First(); m <= months.Keys.Last(); m = m.AddMonths(1))
                {
                    trend[m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)] = months.GetValueOrDefault(m);
                }
            }
            await reader.NextResultAsync(ct);
            var childTotals = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync(ct))
            {
                childTotals[reader.GetString(0)] = reader.GetInt64(1);
            }
            figures.Children.AddRange(children.Select(c => new ChildFigure(c, childTotals.GetValueOrDefault(c), true)));
            figures.Self = figures.Total - childTotals.Values.Sum();
            await reader.NextResultAsync(ct);
            var days = new Dictionary<string, List<(int, long)>>(StringComparer.Ordinal) { ["accept"] = [], ["conclude"] = [], ["review"] = [] };
            while (await reader.ReadAsync(ct))
            {
                if (days.TryGetValue(reader.GetString(0), out var metric))
                {
                    metric.Add((reader.GetInt32(1), reader.GetInt64(2)));
                }
            }
            SetPercentiles(figures, days["accept"], days["conclude"], days["review"]);
            return figures;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    internal static Dictionary<string, long?> Values(RegionFigures figures, string dim)
    {
        if (!figures.Dims.TryGetValue(dim, out var values))
        {
            values = new Dictionary<string, long?>(StringComparer.Ordinal);
            figures.Dims[dim] = values;
        }
        return values;
    }

    /// <summary>
    /// Medians and 90th percentiles of the three handling times: the acceptance decision and the first conclusion, from
    /// receipt, and the second handling of reopened reports, from the reopening (so a report concluded again after a
    /// re-examination years later does not stretch the original handling time).
    /// </summary>
    internal static void SetPercentiles(RegionFigures figures, IReadOnlyList<(int Days, long Count)> accept, IReadOnlyList<(int Days, long Count)> conclude,
        IReadOnlyList<(int Days, long Count)> review)
    {
        figures.ReviewMedianDays = DayPercentiles.Percentile(review, 0.5);
        figures.ReviewP90Days = DayPercentiles.Percentile(review, 0.9);
        figures.AcceptMedianDays = DayPercentiles.Percentile(accept, 0.5);
        figures.AcceptP90Days = DayPercentiles.Percentile(accept, 0.9);
        figures.ConcludeMedianDays = DayPercentiles.Percentile(conclude, 0.5);
        figures.ConcludeP90Days = DayPercentiles.Percentile(conclude, 0.9);
    }

    internal static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }
        return command;
    }
}

using System.Diagnostics;
using Npgsql;
using Petitions.Core.Regions;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Benchmarks;

/// <summary>The staff queue page with a large table: seeds triaged reports in SQL, then times GET /Staff as officers.</summary>
public static class QueueBench
{
    private static readonly string[] Provinces = ["430000", "420000", "440000"];

    /// <summary>
    /// Seeds <paramref name="count"/> reports numbered from <paramref name="start"/>. Hunan's counties (衡南县 first) come
    /// first in the list, then Hubei's and Guangdong's; a report's county is drawn with a cubic skew, so the first few
    /// counties hold most reports, as a few counties do in life.
    /// </summary>
    public static async Task<double> SeedAsync(PetitionsFactory factory, int count, long start = 1)
    {
        var catalogue = factory.Service<RegionCatalogue>();
        var regions = Provinces.SelectMany(p => catalogue.ChildrenOf(p).SelectMany(c => catalogue.ChildrenOf(c.Code)))
            .OrderBy(c => c.Code == "430422" ? 0 : 1).ToArray();
        var counties = new Counties(regions.Select(c => c.Code).ToArray(), regions.Select(c => c.Name).ToArray());
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        // Millions of rows at once: the table's indexes and the statistics trigger would make each row dearer as the
        // table grows (one INSERT of ten million ran 26 minutes for a third). They are set aside, the rows written in
        // batches of a million with time-ordered ids (as the site's own are), the indexes built again and every report
        // noted for the statistics in one statement, which is what the trigger would have done row by row.
        var bulk = count >= 2_000_000 || Environment.GetEnvironmentVariable("PETITIONS_BENCH_BULK") is not null;
        var indexes = bulk ? [.. await BulkBeginAsync(connection, "reports"), .. await BulkBeginAsync(connection, "report_people")] : new List<string>();
        for (var batch = start; batch < start + count; batch += Batch)
        {
            await InsertAsync(connection, counties, batch, Math.Min(Batch, start + count - batch), start + count - 1, bulk);
            if (bulk)
            {
                Console.WriteLine(FormattableString.Invariant($"  seeded {batch - start + Math.Min(Batch, start + count - batch):N0} rows, {watch.Elapsed.TotalSeconds:F0} s"));
            }
        }
        if (bulk)
        {
            await BulkEndAsync(connection, indexes, watch);
        }
        // Settled as autovacuum leaves a table in service: statistics read and the visibility map set (the region and time
        // index answers triage's text comparison from the index alone only on pages marked all-visible).
        await using (var analyze = new NpgsqlCommand("VACUUM (ANALYZE) reports, report_people", connection))
        {
            analyze.CommandTimeout = 3600;
            await analyze.ExecuteNonQueryAsync();
        }
        return watch.Elapsed.TotalSeconds;
    }

    private const long Batch = 1_000_000;

    /// <summary>Makes this run's accounts new in a kept database that earlier runs left theirs in.</summary>
    public static readonly string Run = Reusing ? $"r{Environment.ProcessId}." : "";

    /// <summary>Reports to seed (PETITIONS_BENCH_QUEUE; a million unless told).</summary>
    public static int Size => int.TryParse(Environment.GetEnvironmentVariable("PETITIONS_BENCH_QUEUE"), out var size) ? size : 1_000_000;

    /// <summary>A database kept by an earlier run (PETITIONS_TEST_REUSE_DB), measured as it is: nothing seeded again.</summary>
    public static bool Reusing => Environment.GetEnvironmentVariable("PETITIONS_TEST_REUSE_DB") is { Length: > 0 };

    /// <summary>The database's size on disk, for the benchmark's heading.</summary>
    public static async Task<string> SizeAsync(PetitionsFactory factory)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_size_pretty(pg_database_size(current_database())) || ' (reports with indexes ' || pg_size_pretty(pg_total_relation_size('reports')) || ', named people ' || pg_size_pretty(pg_total_relation_size('report_people')) || ')'", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private sealed record Counties(string[] Codes, string[] Names);

    private static async Task<List<string>> BulkBeginAsync(NpgsqlConnection connection, string table)
    {
        var indexes = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand($"SELECT indexname, indexdef FROM pg_indexes WHERE tablename = '{table}' AND indexname <> 'PK_{table}'", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        await ExecuteAsync(connection, $"ALTER TABLE {table} DISABLE TRIGGER USER");
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");
        }
        return indexes.Select(i => i.Definition).ToList();
    }

    private static async Task BulkEndAsync(NpgsqlConnection connection, List<string> indexes, Stopwatch watch)
    {
        await ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'");
        foreach (var definition in indexes)
        {
            await ExecuteAsync(connection, definition);
        }
        Console.WriteLine(FormattableString.Invariant($"  {indexes.Count} indexes built again, {watch.Elapsed.TotalSeconds:F0} s"));
        await ExecuteAsync(connection, "INSERT INTO stats_changes (report_id) SELECT \"Id\" FROM reports");
        await ExecuteAsync(connection, "ALTER TABLE reports ENABLE TRIGGER USER");
        await ExecuteAsync(connection, "ALTER TABLE report_people ENABLE TRIGGER USER");
        Console.WriteLine(FormattableString.Invariant($"  every report noted for the statistics, {watch.Elapsed.TotalSeconds:F0} s"));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 7200 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task InsertAsync(NpgsqlConnection connection, Counties counties, long start, long count, long last, bool orderedIds)
    {
        // The rows are written oldest first, ten years up to now (row `last` is the newest), as a table in service receives
        // them: a day's reports lie together in the table, and the reports of one county's last few days are a few
        // hundred pages, not one page in every ten-year sweep.
        // Made-up, already-triaged reports spread over three provinces' counties, kinds, statuses, priorities and ten
        // years; two thirds accepted, a sixth concluded with a finding and outcome figures (for the statistics). Seven in
        // ten name one of their county's officials (Officials: 864 a county, at 288 units), as the triage bursts' reports do.
        var (people, units, positions) = Officials.Pool(counties.Codes, counties.Names);
        await using var command = new NpgsqlCommand($$"""
            -- The officials joined by their place in the pool: a subscript into an array of text walks it from the start.
            WITH people AS MATERIALIZED (SELECT n, i FROM unnest(@people::text[]) WITH ORDINALITY AS t(n, i)),
            units AS MATERIALIZED (SELECT u, i FROM unnest(@units::text[]) WITH ORDINALITY AS t(u, i)),
            r AS (
            INSERT INTO reports ("Id","TrackingNumber","AccessKeyHash","IsAnonymous","KindCode","RegionCode","Description","Culture","Status",
                "SubmittedAt","AcceptanceDueAt","ExtensionDays","MoneyStoppedYuan","MoneyRecoveredYuan","PeopleSanctioned","PeopleReferred",
                "TriagedAt","QueueRegionCode","Priority","DueState","AcceptedAt","ConclusionDueAt","ConcludedAt","AnsweredAt","Finding")
            SELECT {{(orderedIds ? "('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid" : "gen_random_uuid()")}}, substr(lpad(g::text, 10, '0'), 1, 5) || '-' || substr(lpad(g::text, 10, '0'), 6, 5), '\x00'::bytea, h.anon <> 0,
                (ARRAY['deceased-pension','duplicate-claims','card-not-owner','inflated-benefit','improper-payment','staff-embezzlement','dereliction','subsidy-card','other'])[1 + h.kind],
                @counties[1 + floor(cardinality(@counties) * power(((g * 2654435761) % 1000003) / 1000003.0, 3))::int],
                '第' || g || '件：' || (ARRAY['已故老人的社保卡仍在领取养老金','有人多领重复领取补贴','社保卡不在本人手里','经办人员挪用资金'])[1 + h.phrase] || '。' || md5(g::text),
                'zh-CN',
                (ARRAY['Submitted','Accepted','Assigned','UnderVerification','Closed','Submitted'])[1 + h.status],
                s.at, s.at + interval '16 days', 0, (g % 7) * 1000, (g % 5) * 700, g % 3, g % 2,
                now(), @counties[1 + floor(cardinality(@counties) * power(((g * 2654435761) % 1000003) / 1000003.0, 3))::int], h.priority,
                (ARRAY['OnTime','DueSoon','Overdue'])[1 + h.due],
                CASE WHEN h.status IN (1, 2, 3, 4) THEN s.at + (g % 20) * interval '1 day' END,
                CASE WHEN h.status IN (1, 2, 3, 4) THEN s.at + (g % 20 + 61) * interval '1 day' END,
                CASE WHEN h.status = 4 THEN s.at + (g % 20 + 10 + g % 70) * interval '1 day' END,
                CASE WHEN h.status = 4 THEN s.at + (g % 20 + 12 + g % 70) * interval '1 day' END,
                CASE WHEN h.status = 4 THEN (ARRAY['Verified','PartiallyVerified','Unfounded','CannotBeVerified'])[1 + h.finding] END
            FROM generate_series(@start, @start + @count - 1) g
            CROSS JOIN LATERAL (SELECT now() - interval '3650 days' * ((@last - g)::float8 / @last) AS at) s
            -- Each property drawn from its own hash of the row number, so that none follows from another (a modulo of
            -- the row number would tie them: the phrase searched for never among the highest priorities, say).
            CROSS JOIN LATERAL (SELECT (hashint8extended(g, 1) & 65535) % 9 AS kind, (hashint8extended(g, 2) & 65535) % 6 AS status,
                (hashint8extended(g, 3) & 65535) % 4 AS phrase, ((hashint8extended(g, 4) & 65535) % 150)::int AS priority,
                (hashint8extended(g, 5) & 65535) % 3 AS due, (hashint8extended(g, 6) & 65535) % 4 AS anon,
                (hashint8extended(g, 7) & 65535) % 4 AS finding) h
            RETURNING "Id", "TrackingNumber", "RegionCode", "SubmittedAt")
            INSERT INTO report_people ("ReportId", "Name", "Unit", "Position", "RegionCode", "SubmittedAt")
            SELECT r."Id", people.n, units.u, @positions[1 + o.k % 3], r."RegionCode", r."SubmittedAt"
            FROM r CROSS JOIN LATERAL (SELECT hashtextextended(r."TrackingNumber", 8) & 2147483647 AS h) p
            CROSS JOIN LATERAL (SELECT array_position(@counties, r."RegionCode"::text) - 1 AS c, p.h / 1000 % {{Officials.PerCounty}} AS k) o
            JOIN people ON people.i = 1 + o.c * {{Officials.PerCounty}} + o.k
            JOIN units ON units.i = 1 + o.c * {{Officials.UnitsPerCounty}} + o.k / 3
            WHERE p.h % 10 < 7
            """, connection);
        command.CommandTimeout = 3600;
        command.Parameters.AddWithValue("counties", counties.Codes);
        command.Parameters.AddWithValue("people", people);
        command.Parameters.AddWithValue("units", units);
        command.Parameters.AddWithValue("positions", positions);
        command.Parameters.AddWithValue("count", (long)count);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("last", last);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The same measure three times (three accounts, so each run signs in afresh), for its spread.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<double>>> ThreeAsync(PetitionsFactory factory, string email, string region, string path, int n, string role = Roles.Officer)
    {
        var runs = new List<IReadOnlyList<double>>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await TimeAsync(factory, $"{i}.{Run}{email}", region, path, n, role));
        }
        return runs;
    }

    public static async Task<List<double>> TimeAsync(PetitionsFactory factory, string email, string region, string path, int n, string role = Roles.Officer)
    {
        await factory.CreateStaffAsync(email, role, null, null, region);
        var client = new FormClient(factory.CreateClient());
        if (role != Roles.Citizen)
        {
            await factory.SignInStaffAsync(client, email, "Staff-Pass-2026");
        }
        for (var i = 0; i < 10; i++)
        {
            (await client.Http.GetAsync(new Uri(path, UriKind.Relative))).Dispose();
        }
        var times = new List<double>();
        for (var i = 0; i < n; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));
            response.EnsureSuccessStatusCode();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }
}

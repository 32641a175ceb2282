using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Testing;

namespace Petitions.Benchmarks;

/// <summary>
/// The throughput comparison on one machine: PostgreSQL's raw rate of single-row inserts (pgbench, a
/// one-insert script, 8 clients) against complete anonymous submissions through the real form handler
/// (antiforgery, validation, proof of work checked, report and triage signal committed together), 8 clients.
/// </summary>
public static partial class ThroughputBench
{
    public static async Task<double> RawInsertsAsync(PetitionsFactory factory, int clients, int seconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString);
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                "CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())", connection);
            await create.ExecuteNonQueryAsync();
        }
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, "INSERT INTO bench_insert (payload) VALUES ('衡南县某乡镇劳动保障站持有已故老人的社保卡');\n");
        var bin = Environment.GetEnvironmentVariable("PETITIONS_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        var info = new ProcessStartInfo(Path.Combine(bin, "pgbench"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture),
            "-f", script, "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, builder.Database! })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["PGPASSWORD"] = builder.Password;
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(script);
        var match = Tps().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("pgbench: " + output + errors);
    }

    /// <summary>
    /// <paramref name="clients"/> × <paramref name="perClient"/> anonymous submissions. Each is a different report, as
    /// the triage burst's are (its own county, kind, person and wording); with <paramref name="flood"/>, every one is the
    /// same text naming the same person at the same unit but for two numbers, so each is linked with up to a hundred
    /// earlier ones: what a flood of copies costs, not what a report costs.
    /// </summary>
    public static async Task<Submissions> SubmissionsAsync(PetitionsFactory factory, int clients, int perClient, bool flood)
    {
        var synthetic = new Petitions.Web.Seeding.SyntheticReports(
            factory.Service<Petitions.Core.Regions.RegionCatalogue>(), factory.Service<Petitions.Core.Policy.TimeLimitPolicy>());
        // Prepared beforehand, not timed: each submission's form page (with its antiforgery cookie and token) and
        // its solved proof of work, which a reporter's browser computes on the reporter's own machine. Only the
        // ready body is kept, so the timed part is the form post and the receipt, as pgbench's is the insert.
        var prepared = new List<List<(HttpClient Client, Uri Target, HttpContent Body)>>();
        for (var c = 0; c < clients; c++)
        {
            var list = new List<(HttpClient, Uri, HttpContent)>();
            for (var i = 0; i < perClient; i++)
            {
                var client = new FormClient(factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
                var page = await client.GetPageAsync("/Report");
                var fields = flood ? Filing.ValidFields($"第{c}-{i}件：乡镇劳动保障站工作人员持有多张已故老人的社保卡，每月按时取款，涉及{i % 40 + 2}人。")
                    : Varied(synthetic.Next(DateTimeOffset.UtcNow));
                fields["altcha"] = await Altcha.SolveAsync(client.Http);
                var (target, body) = FormClient.Prepare(page, fields, extraContent: new MultipartFormDataContent());
                await body.LoadIntoBufferAsync();
                list.Add((client.Http, target, body));
            }
            prepared.Add(list);
        }
        GC.Collect();
        await Console.Error.WriteLineAsync("Submitting…");
        var siteBefore = CpuSeconds([Environment.ProcessId]);
        var postmaster = await PostmasterAsync(factory);
        var databaseBefore = DatabaseCpuSeconds(postmaster);
        var pauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(prepared.Select(list => Task.Run(async () =>
        {
            var ok = 0;
            foreach (var (client, target, body) in list)
            {
                using var response = await client.PostAsync(target, body);
                var html = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == System.Net.HttpStatusCode.OK && html.Contains("id=\"tracking-number\"", StringComparison.Ordinal))
                {
                    ok++;
                }
            }
            return ok;
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        var count = counts.Sum();
        // Filed and triaged: the CPU is read once triage has caught up with the last submission (the rate is the posts').
        if (Environment.GetEnvironmentVariable("PETITIONS_BENCH_NO_JOBS") is null)
        {
            await Wait.UntilAsync(async () => !await factory.QueryAsync(db => db.Reports.AnyAsync(r => r.TriagedAt == null)), TimeSpan.FromMinutes(10));
        }
        return new Submissions(count, seconds,
            1000 * (CpuSeconds([Environment.ProcessId]) - siteBefore) / count,
            1000 * (DatabaseCpuSeconds(postmaster) - databaseBefore) / count,
            (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / count, (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds / seconds);
    }

    /// <summary>The form's fields for a made-up report (its county, kind, wording and the person it names).</summary>
    private static Dictionary<string, string?> Varied(Petitions.Core.Reports.Report report)
    {
        var fields = Filing.ValidFields(report.Description);
        fields["Input.ProvinceCode"] = report.RegionCode[..2] + "0000";
        fields["Input.CityCode"] = report.RegionCode[..4] + "00";
        fields["Input.CountyCode"] = report.RegionCode;
        fields["Input.KindCode"] = report.KindCode;
        fields["Input.People[0].Name"] = report.People[0].Name;
        fields["Input.People[0].Unit"] = report.People[0].Unit;
        fields["Input.People[0].Position"] = report.People[0].Position;
        return fields;
    }

    /// <summary>Submissions stored, the wall time, CPU milliseconds per submission in this process (site and
    /// client, in-process) and in PostgreSQL's processes, KiB allocated per submission and the share of the
    /// time the garbage collector paused the process.</summary>
    public sealed record Submissions(int Count, double Seconds, double SiteCpuMs, double DatabaseCpuMs, double AllocatedKiB, double GcPauseShare);

    /// <summary>The benchmark's own PostgreSQL server: the parent of a backend serving this database.</summary>
    private static async Task<int> PostmasterAsync(PetitionsFactory factory)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        return ParentOf(backend);
    }

    /// <summary>
    /// That server and its processes (backends, checkpointer, WAL writer, autovacuum), not another cluster's on the same
    /// machine: a second cluster's work (a migration, another benchmark) is not this benchmark's cost.
    /// </summary>
    private static IEnumerable<int> PostgresProcesses(int postmaster) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid == postmaster || (pid > 0 && ParentOf(pid) == postmaster));

    /// <summary>
    /// The server's CPU: its live processes', plus what its backends that have exited used (the postmaster's children's
    /// time, counted when it reaps them). Without the latter a pooled connection closed during the run took its CPU with
    /// it: on 2026-12-07 one run came out at −0.18 ms a report.
    /// </summary>
    private static double DatabaseCpuSeconds(int postmaster) => CpuSeconds(PostgresProcesses(postmaster)) + CpuSeconds([postmaster], children: true);

    private static int ParentOf(int pid)
    {
        var stat = Safe(() => File.ReadAllText($"/proc/{pid}/stat"));
        return stat is null ? 0 : int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Until this process has used under 5 % of a core for a second (its compiler thread done with the code a warm-up
    /// called), at most 90 s.
    /// </summary>
    public static Task QuietAsync() => Wait.UntilAsync(async () =>
    {
        var before = CpuSeconds([Environment.ProcessId]);
        await Task.Delay(TimeSpan.FromSeconds(1));
        return CpuSeconds([Environment.ProcessId]) - before < 0.05;
    }, TimeSpan.FromSeconds(90));

    /// <summary>
    /// User plus system CPU seconds of the processes, from /proc (clock ticks of 1/100 s); with <paramref name="children"/>,
    /// those of their children that have exited and been waited for instead.
    /// </summary>
    internal static double CpuSeconds(IEnumerable<int> pids, bool children = false) => pids.Sum(pid =>
    {
        var stat = Safe(() => File.ReadAllText($"/proc/{pid}/stat"));
        if (stat is null)
        {
            return 0;
        }
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var first = children ? 13 : 11;
        return (double.Parse(fields[first], CultureInfo.InvariantCulture) + double.Parse(fields[first + 1], CultureInfo.InvariantCulture)) / 100;
    });

    private static string? Safe(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (IOException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();
}

/// <summary>
/// What one request costs this machine, for scale: CPU milliseconds per request (site and in-process client)
/// and the rate 8 clients reach, for the home page, the empty filing form, and a filing post refused by
/// validation (read, bound, checked and shown again; nothing stored).
/// </summary>
public static class RequestCostBench
{
    public static async Task<List<(string Name, double Rate, double CpuMs)>> RunAsync(PetitionsFactory factory, int n = 3000)
    {
        var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refused = new List<(HttpClient Client, Uri Target, HttpContent Body)>();
        for (var i = 0; i < n + Warmup; i++)
        {
            var client = new FormClient(factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
            var (target, body) = FormClient.Prepare(await client.GetPageAsync("/Report"), Filing.ValidFields(description: ""), extraContent: new MultipartFormDataContent());
            await body.LoadIntoBufferAsync();
            refused.Add((client.Http, target, body));
        }
        return
        [
            await MeasureAsync("GET / (home page)", _ => http.GetAsync(new Uri("/", UriKind.Relative)), n),
            await MeasureAsync("GET /Report (the empty form)", _ => http.GetAsync(new Uri("/Report", UriKind.Relative)), n),
            await MeasureAsync("POST /Report refused by validation (form shown again)", i => refused[i].Client.PostAsync(refused[i].Target, refused[i].Body), n),
        ];
    }

    private const int Warmup = 200;

    /// <summary>One GET by 8 clients at once, in process: requests a second and the site's CPU per request.</summary>
    public static Task<(string Name, double Rate, double CpuMs)> GetAsync(PetitionsFactory factory, string name, string path, int n = 3000)
    {
        var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return MeasureAsync(name, _ => http.GetAsync(new Uri(path, UriKind.Relative)), n);
    }

    private static async Task<(string, double, double)> MeasureAsync(string name, Func<int, Task<HttpResponseMessage>> send, int n)
    {
        for (var i = 0; i < Warmup; i++)
        {
            using var response = await send(i);
        }
        var before = ThroughputBench.CpuSeconds([Environment.ProcessId]);
        var watch = Stopwatch.StartNew();
        var next = Warmup - 1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < n + Warmup; i = Interlocked.Increment(ref next))
            {
                using var response = await send(i);
                await response.Content.ReadAsStringAsync();
            }
        })));
        return (name, n / watch.Elapsed.TotalSeconds, 1000 * (ThroughputBench.CpuSeconds([Environment.ProcessId]) - before) / n);
    }
}

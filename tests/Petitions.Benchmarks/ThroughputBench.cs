using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Petitions.Testing;

namespace Petitions.Benchmarks;

/// <summary>
/// Issue 7's throughput comparison on one machine: PostgreSQL's raw rate of single-row inserts (pgbench, a
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

    public static async Task<Submissions> SubmissionsAsync(PetitionsFactory factory, int clients, int perClient)
    {
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
                var fields = Filing.ValidFields($"第{c}-{i}件：乡镇劳动保障站工作人员持有多张已故老人的社保卡，每月按时取款，涉及{i % 40 + 2}人。");
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
        var databaseBefore = CpuSeconds(PostgresProcesses());
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
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
        await Console.Error.WriteLineAsync($"GC: gen0 {GC.CollectionCount(0) - gcBefore.Item1}, gen1 {GC.CollectionCount(1) - gcBefore.Item2}, gen2 {GC.CollectionCount(2) - gcBefore.Item3}, pause {(GC.GetTotalPauseDuration() - gcBefore.Item4).TotalMilliseconds:F0} ms, allocated {(GC.GetTotalAllocatedBytes() - gcBefore.Item5) / count / 1024} KiB/submission");
        return new Submissions(count, seconds,
            1000 * (CpuSeconds([Environment.ProcessId]) - siteBefore) / count,
            1000 * (CpuSeconds(PostgresProcesses()) - databaseBefore) / count);
    }

    /// <summary>Submissions stored, the wall time, and CPU milliseconds per submission in this process (site and
    /// client, in-process) and in PostgreSQL's processes.</summary>
    public sealed record Submissions(int Count, double Seconds, double SiteCpuMs, double DatabaseCpuMs);

    private static IEnumerable<int> PostgresProcesses() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && File.Exists($"/proc/{pid}/comm") && Safe(() => File.ReadAllText($"/proc/{pid}/comm").Trim()) == "postgres");

    /// <summary>User plus system CPU seconds of the processes, from /proc (clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(IEnumerable<int> pids) => pids.Sum(pid =>
    {
        var stat = Safe(() => File.ReadAllText($"/proc/{pid}/stat"));
        if (stat is null)
        {
            return 0;
        }
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100;
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

public static class Experiment
{
    public static async Task RunAsync(PetitionsFactory factory)
    {
        async Task Measure(string name, Func<int, Task<HttpResponseMessage>> send, int n)
        {
            for (var i = 0; i < 200; i++) { (await send(i)).Dispose(); }
            var before = Cpu();
            var watch = Stopwatch.StartNew();
            var next = 200;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= n + 200) { return; }
                    using var r = await send(i);
                    await r.Content.ReadAsStringAsync();
                }
            })));
            Console.WriteLine($"{name}: {n / watch.Elapsed.TotalSeconds:F0}/s, {1000 * (Cpu() - before) / n:F2} ms CPU/request");
        }
        var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (Environment.GetEnvironmentVariable("PETITIONS_BENCH_EXPERIMENT") == "get")
        {
            await Console.Error.WriteLineAsync("Submitting…");
            var path = Environment.GetEnvironmentVariable("PETITIONS_BENCH_PATH") ?? "/Report";
            await Measure("GET " + path, _ => http.GetAsync(new Uri(path, UriKind.Relative)), 20000);
            Console.WriteLine("Throughput: done");
            return;
        }
        await Measure("GET /", _ => http.GetAsync(new Uri("/", UriKind.Relative)), 3000);
        await Measure("GET /Track", _ => http.GetAsync(new Uri("/Track", UriKind.Relative)), 3000);
        await Measure("GET /health", _ => http.GetAsync(new Uri("/health", UriKind.Relative)), 3000);
        await Measure("GET /Report", _ => http.GetAsync(new Uri("/Report", UriKind.Relative)), 3000);
        var bodies = new List<(HttpClient, Uri, HttpContent)>();
        for (var i = 0; i < 3200; i++)
        {
            var client = new FormClient(factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
            var page = await client.GetPageAsync("/Report");
            var fields = Filing.ValidFields("");
            var (target, body) = FormClient.Prepare(page, fields, extraContent: new MultipartFormDataContent());
            await body.LoadIntoBufferAsync();
            bodies.Add((client.Http, target, body));
        }
        await Measure("POST /Report invalid", i => bodies[i].Item1.PostAsync(bodies[i].Item2, bodies[i].Item3), 3000);
    }

    private static double Cpu()
    {
        var stat = File.ReadAllText($"/proc/{Environment.ProcessId}/stat");
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(f[11], CultureInfo.InvariantCulture) + double.Parse(f[12], CultureInfo.InvariantCulture)) / 100;
    }
}

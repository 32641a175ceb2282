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

    public static async Task<(int Count, double Seconds)> SubmissionsAsync(PetitionsFactory factory, int clients, int perClient)
    {
        // Prepared beforehand, not timed: each submission's form page (with its token) and its solved proof of work,
        // which a reporter's browser computes on the reporter's own machine.
        var prepared = new List<List<(FormClient Client, AngleSharp.Html.Dom.IHtmlDocument Page, Dictionary<string, string?> Fields)>>();
        for (var c = 0; c < clients; c++)
        {
            var list = new List<(FormClient, AngleSharp.Html.Dom.IHtmlDocument, Dictionary<string, string?>)>();
            for (var i = 0; i < perClient; i++)
            {
                var client = new FormClient(factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
                var page = await client.GetPageAsync("/Report");
                var fields = Filing.ValidFields($"第{c}-{i}件：乡镇劳动保障站工作人员持有多张已故老人的社保卡，每月按时取款，涉及{i % 40 + 2}人。");
                fields["altcha"] = await Altcha.SolveAsync(client.Http);
                list.Add((client, page, fields));
            }
            prepared.Add(list);
        }
        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(prepared.Select(list => Task.Run(async () =>
        {
            var ok = 0;
            foreach (var (client, page, fields) in list)
            {
                using var response = await client.SubmitAsync(page, fields, extraContent: new MultipartFormDataContent());
                var html = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == System.Net.HttpStatusCode.OK && html.Contains("id=\"tracking-number\"", StringComparison.Ordinal))
                {
                    ok++;
                }
            }
            return ok;
        })));
        return (counts.Sum(), watch.Elapsed.TotalSeconds);
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();
}

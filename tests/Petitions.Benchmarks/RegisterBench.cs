using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Petitions.Core.Matching;
using Petitions.Testing;
using Petitions.Web.UseCases.Matching;

namespace Petitions.Benchmarks;

/// <summary>
/// Registers at scale, with known truth: a roll of N pensioners, a year of monthly payments each, and a cremation
/// register in which 3 % of them died (60 % of the dead still paid afterwards). Measures the import (rows/s) against
/// PostgreSQL's own CSV COPY of the same file into an unindexed table (target ≥ 25 %), the site's working set during the
/// import (flat: the rows are streamed), and the matching run, with its recall and precision on the truth.
/// </summary>
public static class RegisterBench
{
    static RegisterBench() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string IdNumber(int i)
    {
        // Unique for a million people: a thousand sequence numbers on each birth day from 1 January 1940.
        var born = new DateOnly(1940, 1, 1).AddDays(i / 1000);
        var first = string.Create(CultureInfo.InvariantCulture, $"430422{born:yyyyMMdd}{i % 1000:D3}");
        return TestFiles.IdNumber(first);
    }

    public static async Task RunAsync(PetitionsFactory factory, int people)
    {
        var folder = Directory.CreateTempSubdirectory("petitions-bench-registers-").FullName;
        try
        {
            var random = new Random(7);
            var roll = Path.Combine(folder, "roll.csv");
            var ledger = Path.Combine(folder, "ledger.csv");
            var deaths = Path.Combine(folder, "deaths.csv");
            var paidDead = 0;
            await using (var r = new StreamWriter(roll, false, new UTF8Encoding(false)))
            await using (var l = new StreamWriter(ledger, false, new UTF8Encoding(false)))
            await using (var d = new StreamWriter(deaths, false, Encoding.GetEncoding("GB18030")))
            {
                await r.WriteLineAsync("个人编号,姓名,身份证号,行政区划,社保卡号,联系电话,月发放金额");
                await l.WriteLineAsync("个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人");
                await d.WriteLineAsync("姓名,身份证号,火化日期");
                for (var i = 0; i < people; i++)
                {
                    var person = string.Create(CultureInfo.InvariantCulture, $"P{i:D8}");
                    var card = string.Create(CultureInfo.InvariantCulture, $"62179955{i:D11}");
                    await r.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{person},人员{i},{IdNumber(i)},430422,{card},139{i % 100_000_000:D8},1830.50"));
                    var died = random.NextDouble() < 0.03 ? new DateOnly(2024, 1 + random.Next(12), 1 + random.Next(28)) : (DateOnly?)null;
                    var stillPaid = died is not null && random.NextDouble() < 0.6;
                    var lastPaid = died is { } day && !stillPaid ? new DateOnly(day.Year, day.Month, 1) : new DateOnly(2024, 12, 1);
                    if (died is { } when)
                    {
                        await d.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"人员{i},{IdNumber(i)},{when:yyyy-MM-dd}"));
                        if (stillPaid && new DateOnly(when.Year, when.Month, 1).AddMonths(2) <= lastPaid)
                        {
                            paidDead++;
                        }
                    }
                    for (var month = new DateOnly(2024, 1, 1); month <= lastPaid; month = month.AddMonths(1))
                    {
                        await l.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{person},{card},{month:yyyy-MM},1830.50,正常发放,{month:yyyy-MM}-15,周某"));
                    }
                }
            }

            var baseline = await PlainCopyAsync(factory, ledger);
            var (rollSeconds, rollRows, _) = await ImportAsync(factory, RegisterSource.PensionRoll, roll);
            var (ledgerSeconds, ledgerRows, ledgerPeak) = await ImportAsync(factory, RegisterSource.PaymentLedger, ledger);
            var (deathSeconds, deathRows, _) = await ImportAsync(factory, RegisterSource.Cremation, deaths);
            var run = Stopwatch.StartNew();
            using (var scope = factory.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<MatchingRun>().RunAsync(CancellationToken.None);
            }
            var runSeconds = run.Elapsed.TotalSeconds;
            var hits = await factory.QueryAsync(db => db.MatchHits.CountAsync());
            var size = new FileInfo(ledger).Length / (1024.0 * 1024);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Registers: roll {rollRows:N0} rows in {rollSeconds:F1} s ({rollRows / rollSeconds:N0}/s); ledger {ledgerRows:N0} rows ({size:F0} MB) in {ledgerSeconds:F1} s ({ledgerRows / ledgerSeconds:N0}/s) = {100 * baseline / ledgerSeconds:F0}% of PostgreSQL's own CSV COPY of the same file into an unindexed table ({baseline:F1} s; target ≥ 25%); cremations (GB18030) {deathRows:N0} rows in {deathSeconds:F1} s."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Site working set during the ledger import: at most {ledgerPeak / (1024.0 * 1024):F0} MB above its level before (rows streamed, never held)."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Matching run (paid after death, exact link): {runSeconds:F1} s; {hits:N0} hits for {paidDead:N0} dead pensioners paid after the grace month (recall {(paidDead == 0 ? 1 : Math.Min(hits, paidDead) / (double)paidDead):F3}, precision {(hits == 0 ? 1 : Math.Min(hits, paidDead) / (double)hits):F3})."));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(double Seconds, int Rows, long PeakAbove)> ImportAsync(PetitionsFactory factory, RegisterSource source, string path)
    {
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var before = process.WorkingSet64;
        long peak = 0;
        using var sampler = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            // Sampled ten times a second until the import ends.
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            try
            {
                while (await timer.WaitForNextTickAsync(sampler.Token))
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64 - before);
                }
            }
            catch (OperationCanceledException)
            {
                // The import ended.
            }
        });
        var watch = Stopwatch.StartNew();
        using var scope = factory.Services.CreateScope();
        await using var file = File.OpenRead(path);
        var result = await scope.ServiceProvider.GetRequiredService<RegisterImporter>().ImportAsync(source, Path.GetFileName(path), file, null, CancellationToken.None);
        var seconds = watch.Elapsed.TotalSeconds;
        await sampler.CancelAsync();
        await sampling;
        return result.Import is { } import ? (seconds, import.Rows, peak)
            : throw new InvalidOperationException($"{source} refused: {result.ProblemCount} problems, first {(result.Problems.Count > 0 ? result.Problems[0] : null)}");
    }

    /// <summary>PostgreSQL's CSV COPY of the file into a table of text columns with no index: the floor to compare with.</summary>
    private static async Task<double> PlainCopyAsync(PetitionsFactory factory, string path)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("DROP TABLE IF EXISTS bench_plain_copy; CREATE TABLE bench_plain_copy (a text, b text, c text, d text, e text, f text, g text)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        var watch = Stopwatch.StartNew();
        await using (var writer = await connection.BeginTextImportAsync("COPY bench_plain_copy FROM STDIN (FORMAT csv, HEADER true)"))
        using (var reader = new StreamReader(path, Encoding.UTF8))
        {
            var buffer = new char[81920];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        var seconds = watch.Elapsed.TotalSeconds;
        await using (var drop = new NpgsqlCommand("DROP TABLE bench_plain_copy", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }
        return seconds;
    }
}

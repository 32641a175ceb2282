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

    private const string Surnames = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
    private const string Given = "秀英桂兰玉梅德顺国华建明淑珍凤福春生冬金花志强长发芝伟军平红霞丽敏静海林波";
    private static readonly Dictionary<char, char> Traditional = new()
    {
        ['刘'] = '劉', ['张'] = '張', ['陈'] = '陳', ['杨'] = '楊', ['黄'] = '黃', ['赵'] = '趙', ['吴'] = '吳', ['孙'] = '孫',
        ['华'] = '華', ['国'] = '國', ['兰'] = '蘭', ['凤'] = '鳳', ['伟'] = '偉', ['长'] = '長', ['发'] = '發', ['顺'] = '順',
    };
    private static readonly Dictionary<char, char> Homophones = new() { ['伟'] = '玮', ['明'] = '鸣', ['华'] = '桦', ['军'] = '君', ['平'] = '萍', ['林'] = '琳', ['波'] = '博' };

    /// <summary>About 68 people share a birth day over forty years, each with their own sequence number.</summary>
    private static DateOnly BornOf(int i) => new DateOnly(1930, 1, 1).AddDays((int)(i * 7919L % 14_600));

    private static string IdNumber(int i, DateOnly born) =>
        TestFiles.IdNumber(string.Create(CultureInfo.InvariantCulture, $"430422{born:yyyyMMdd}{i / 14_600 % 1000:D3}"));

    private static string NameOf(Random random) =>
        string.Concat(Surnames[random.Next(Surnames.Length)], Given[random.Next(Given.Length)], Given[random.Next(Given.Length)]);

    /// <summary>A funeral home's spelling: traditional characters, or one homophone, or as it is.</summary>
    private static string Spelled(string name, Random random) => random.Next(3) switch
    {
        0 => string.Concat(name.Select(c => Traditional.GetValueOrDefault(c, c))),
        1 when name.Skip(1).FirstOrDefault(Homophones.ContainsKey) is var c and not '\0' => name.Replace(c, Homophones[c]),
        _ => name,
    };

    /// <summary>One identity digit off (not the check character): a clerk's slip.</summary>
    private static string OneDigitOff(string id, Random random)
    {
        var at = 6 + random.Next(11);
        var digit = (char)('0' + ((id[at] - '0' + 1 + random.Next(8)) % 10));
        return string.Concat(id.AsSpan(0, at), digit.ToString(), id.AsSpan(at + 1));
    }

    /// <summary>
    /// A province-like set with known truth: <paramref name="people"/> pensioners of Hunan's counties (spread unevenly) paid every month for
    /// <paramref name="months"/> months up to December 2024; 3 % of them die in the last year, 60 % of those still paid
    /// afterwards. Deaths reach three registers as such registers are: civil affairs' cremations all of them (one in ten
    /// without the identity number, then with a traditional or homophone spelling or a birth date a day or two off half the
    /// time; one in fifty with one identity digit wrong), public security half of them (twenty days later), health
    /// three in ten (the day before); and 5 % more cremation rows are namesakes of pensioners, born years apart, alive on
    /// the roll, in any county. A death is registered in the pensioner's county, one in twenty elsewhere. Measures the imports, the linking (precision, recall, F1 on the rows without a valid identity number) and
    /// the paid-after-death rule (precision and recall against the truth), and the monthly run.
    /// </summary>
    public static async Task RunAsync(PetitionsFactory factory, int people, int months = 12)
    {
        var folder = Directory.CreateTempSubdirectory("petitions-bench-registers-").FullName;
        try
        {
            var random = new Random(7);
            var roll = Path.Combine(folder, "roll.csv");
            var ledger = Path.Combine(folder, "ledger.csv");
            var cremations = Path.Combine(folder, "cremations.csv");
            var deregistrations = Path.Combine(folder, "deregistrations.csv");
            var certificates = Path.Combine(folder, "certificates.csv");
            var paidDeadTruth = new HashSet<string>(StringComparer.Ordinal);
            // The cremation file's line of each row without a valid identity number, and whose death it is (null: a namesake).
            var unlinkedTruth = new Dictionary<int, string?>();
            var names = new List<(string Name, DateOnly Born)>(people);
            var paidInDecember = new bool[people];
            var firstMonth = new DateOnly(2024, 12, 1).AddMonths(1 - months);
            var cremationLine = 1;
            // The province's counties and districts; people are spread over them unevenly (the first ones hold most).
            var counties = Core.Regions.RegionCatalogue.Default.All
                .Where(x => x.Code.StartsWith("43", StringComparison.Ordinal) && !x.Code.EndsWith("00", StringComparison.Ordinal)).Select(x => x.Code).ToArray();
            string County() => counties[(int)(counties.Length * Math.Pow(random.NextDouble(), 2))];
            await using (var r = new StreamWriter(roll, false, new UTF8Encoding(false)))
            await using (var l = new StreamWriter(ledger, false, new UTF8Encoding(false)))
            await using (var c = new StreamWriter(cremations, false, Encoding.GetEncoding("GB18030")))
            await using (var h = new StreamWriter(deregistrations, false, new UTF8Encoding(false)))
            await using (var m = new StreamWriter(certificates, false, new UTF8Encoding(false)))
            {
                await r.WriteLineAsync("个人编号,姓名,身份证号,行政区划,社保卡号,联系电话,月发放金额");
                await l.WriteLineAsync("个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人");
                await c.WriteLineAsync("姓名,身份证号,出生日期,行政区划,火化日期");
                await h.WriteLineAsync("姓名,身份证号,注销日期");
                await m.WriteLineAsync("姓名,身份证号,死亡日期");
                for (var i = 0; i < people; i++)
                {
                    var person = string.Create(CultureInfo.InvariantCulture, $"P{i:D8}");
                    var card = string.Create(CultureInfo.InvariantCulture, $"62179955{i:D11}");
                    var born = BornOf(i);
                    var id = IdNumber(i, born);
                    var name = NameOf(random);
                    names.Add((name, born));
                    var county = County();
                    // The county a death is registered in: the pensioner's, or one in twenty elsewhere.
                    var deathCounty = random.Next(20) == 0 ? County() : county;
                    await r.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{person},{name},{id},{county},{card},139{i % 100_000_000:D8},1830.50"));
                    var died = random.NextDouble() < 0.03 ? new DateOnly(2024, 1 + random.Next(12), 1 + random.Next(28)) : (DateOnly?)null;
                    var stillPaid = died is not null && random.NextDouble() < 0.6;
                    var lastPaid = died is { } day && !stillPaid ? new DateOnly(day.Year, day.Month, 1) : new DateOnly(2024, 12, 1);
                    if (died is { } when)
                    {
                        cremationLine++;
                        var slip = random.Next(100);
                        if (slip < 10)
                        {
                            // One slip each: a traditional or homophone spelling, or a birth date a day or two off, or none.
                            var shown = slip < 3 ? (Spelled(name, random), born) : slip < 5 ? (name, born.AddDays(random.Next(1, 3) * (random.Next(2) == 0 ? -1 : 1))) : (name, born);
                            await c.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{shown.Item1},,{shown.Item2:yyyy-MM-dd},{deathCounty},{when.AddDays(2):yyyy-MM-dd}"));
                            unlinkedTruth[cremationLine] = person;
                        }
                        else if (slip < 12)
                        {
                            await c.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name},{OneDigitOff(id, random)},,{deathCounty},{when.AddDays(2):yyyy-MM-dd}"));
                            unlinkedTruth[cremationLine] = person;
                        }
                        else
                        {
                            await c.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name},{id},,{deathCounty},{when.AddDays(2):yyyy-MM-dd}"));
                        }
                        if (random.NextDouble() < 0.5)
                        {
                            await h.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name},{id},{when.AddDays(20):yyyy-MM-dd}"));
                        }
                        if (random.NextDouble() < 0.3)
                        {
                            await m.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name},{id},{when.AddDays(-1):yyyy-MM-dd}"));
                        }
                        if (stillPaid && new DateOnly(when.Year, when.Month, 1).AddMonths(2) <= lastPaid)
                        {
                            paidDeadTruth.Add(person);
                        }
                    }
                    paidInDecember[i] = lastPaid == new DateOnly(2024, 12, 1);
                    for (var month = firstMonth; month <= lastPaid; month = month.AddMonths(1))
                    {
                        await l.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{person},{card},{month:yyyy-MM},1830.50,正常发放,{month:yyyy-MM}-15,周某"));
                    }
                }
                // Namesakes: people who are not on the roll, named as a pensioner is, born three to thirty years apart.
                for (var k = 0; k < people / 20; k++)
                {
                    var (name, born) = names[random.Next(names.Count)];
                    var other = born.AddYears(random.Next(3, 31) * (random.Next(2) == 0 ? -1 : 1));
                    cremationLine++;
                    await c.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name},,{other:yyyy-MM-dd},{County()},2024-{1 + random.Next(12):D2}-{1 + random.Next(28):D2}"));
                    unlinkedTruth[cremationLine] = null;
                }
            }

            var baseline = await PlainCopyAsync(factory, ledger);
            var clientOnly = ClientOnly(factory, ledger);
            var (rollSeconds, rollRows, _) = await ImportAsync(factory, RegisterSource.PensionRoll, roll);
            var (ledgerSeconds, ledgerRows, ledgerPeak) = await ImportAsync(factory, RegisterSource.PaymentLedger, ledger);
            var (deathSeconds, deathRows, _) = await ImportAsync(factory, RegisterSource.Cremation, cremations);
            var (deregSeconds, deregRows, _) = await ImportAsync(factory, RegisterSource.HouseholdDeregistration, deregistrations);
            var (certSeconds, certRows, _) = await ImportAsync(factory, RegisterSource.DeathCertificate, certificates);
            var linkWatch = Stopwatch.StartNew();
            using (var scope = factory.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<MatchingLinks>().LinkAsync(CancellationToken.None);
            }
            var linkSeconds = linkWatch.Elapsed.TotalSeconds;
            var run = Stopwatch.StartNew();
            using (var scope = factory.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<MatchingRun>().RunAsync(CancellationToken.None);
            }
            var runSeconds = run.Elapsed.TotalSeconds;
            var found = (await factory.QueryAsync(db => db.MatchHits.Where(h => h.Rule == RiskRules.PaidAfterDeath).Select(h => h.PersonNumber).ToListAsync())).ToHashSet(StringComparer.Ordinal);
            var cases = await factory.QueryAsync(db => db.Reports.CountAsync(x => x.Source == Core.Reports.ReportSource.DataMatching));
            var truePositives = found.Count(paidDeadTruth.Contains);
            var links = await factory.QueryAsync(db => db.RegisterLinks.Join(db.RegisterEntries, k => k.EntryId, e => e.Id, (k, e) => new { e.Line, k.PersonNumber, k.Band, k.Evidence })
                .ToListAsync());
            var linked = links.Where(k => k.Band == LinkBand.Link).ToList();
            var rightLinks = linked.Count(k => unlinkedTruth.GetValueOrDefault(k.Line) == k.PersonNumber);
            var rightReviews = links.Count(k => k.Band == LinkBand.Review && unlinkedTruth.GetValueOrDefault(k.Line) == k.PersonNumber);
            var shouldLink = unlinkedTruth.Values.Count(v => v is not null);
            var (precision, recall) = (linked.Count == 0 ? 1 : rightLinks / (double)linked.Count, shouldLink == 0 ? 1 : rightLinks / (double)shouldLink);
            var size = new FileInfo(ledger).Length / (1024.0 * 1024);
            // What the wrong links had in common (name, birth date, identity digits agreeing how), most frequent first.
            var wrongKinds = linked.Where(k => unlinkedTruth.GetValueOrDefault(k.Line) != k.PersonNumber)
                .Select(k => System.Text.Json.JsonSerializer.Deserialize<LinkEvidence>(k.Evidence)!)
                .GroupBy(e => $"name {e.Name.Agreement}, birth {e.Birth}, id {e.Id}, region {e.Region}")
                .OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count():N0}").ToList();
            var wrongTruth = linked.Where(k => unlinkedTruth.GetValueOrDefault(k.Line) != k.PersonNumber)
                .GroupBy(k => unlinkedTruth.GetValueOrDefault(k.Line) is null ? "a namesake's death" : "another pensioner's death").Select(g => $"{g.Key}: {g.Count():N0}");
            var extraHits = found.Where(p => !paidDeadTruth.Contains(p)).ToList();
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Registers ({people:N0} pensioners, {months} months): roll {rollRows:N0} rows in {rollSeconds:F1} s ({rollRows / rollSeconds:N0}/s); ledger {ledgerRows:N0} rows ({size:F0} MB) in {ledgerSeconds:F1} s ({ledgerRows / ledgerSeconds:N0}/s) = {100 * baseline / ledgerSeconds:F0}% of PostgreSQL's own CSV COPY of the same file into an unindexed table ({baseline:F1} s; target ≥ 25%); deaths: cremations (GB18030) {deathRows:N0} rows in {deathSeconds:F1} s, deregistrations {deregRows:N0} in {deregSeconds:F1} s, certificates {certRows:N0} in {certSeconds:F1} s."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Of which the site's own work (reading, checking every row and hashing its card, no database): {clientOnly:F1} s; the rest is PostgreSQL storing the rows with their indexes, in parallel."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Site working set during the ledger import: at most {ledgerPeak / (1024.0 * 1024):F0} MB above its level before (rows streamed, never held)."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Linking {unlinkedTruth.Count:N0} death rows without a valid identity number ({unlinkedTruth.Values.Count(v => v is null):N0} of them namesakes): {linkSeconds:F1} s; {linked.Count:N0} linked, {links.Count(k => k.Band == LinkBand.Review):N0} for an analyst ({rightReviews:N0} of them right); links alone: precision {precision:F3}, recall {recall:F3}, F1 {(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)):F3}; with the analyst's band: recall {(shouldLink == 0 ? 1 : (rightLinks + rightReviews) / (double)shouldLink):F3}."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrong links: {string.Join("; ", wrongKinds)} ({string.Join(", ", wrongTruth)}); paid-after-death hits not in the truth: {extraHits.Count:N0}."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Matching run (every rule, then {cases:N0} cases filed): {runSeconds:F1} s, with the linking before it {linkSeconds + runSeconds:F1} s (target ≤ 120 s); paid after death: {found.Count:N0} hits for {paidDeadTruth.Count:N0} dead pensioners paid after the grace month (recall {(paidDeadTruth.Count == 0 ? 1 : truePositives / (double)paidDeadTruth.Count):F3}, precision {(found.Count == 0 ? 1 : truePositives / (double)found.Count):F3})."));
            await RegisterNextMonth.RunAsync(factory, folder, names, paidInDecember, IdNumber);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static async Task<(double Seconds, int Rows, long PeakAbove)> ImportAsync(PetitionsFactory factory, RegisterSource source, string path)
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

    /// <summary>The import's work in the site alone: every row read, checked and its card hashed, nothing written.</summary>
    private static double ClientOnly(PetitionsFactory factory, string path)
    {
        var regions = factory.Services.GetRequiredService<Core.Regions.RegionCatalogue>();
        var sealing = factory.Services.GetRequiredService<RegisterSealing>();
        var watch = Stopwatch.StartNew();
        Dictionary<int, (RegisterField Field, string Column)>? columns = null;
        var values = new Dictionary<RegisterField, (string Column, string Value)>();
        var today = new DateOnly(2026, 12, 6);
        string? last = null;
        foreach (var (line, cells) in RegisterFile.Rows(path))
        {
            if (columns is null)
            {
                columns = RegisterColumns.Header(RegisterSource.PaymentLedger, cells, new Dictionary<string, RegisterField?>(), _ => { });
                continue;
            }
            var (r, _) = RegisterRow.Check(RegisterSource.PaymentLedger, line, RegisterColumns.Values(columns, cells, values), regions, today);
            if (r.Card != last)
            {
                last = r.Card;
                _ = sealing.Link(r.Card);
            }
        }
        return watch.Elapsed.TotalSeconds;
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

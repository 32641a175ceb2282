using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Matching;
using Petitions.Testing;
using Petitions.Web.UseCases.Matching;

namespace Petitions.Benchmarks;

/// <summary>
/// The month after: the ledger's next month for everyone still paid, and that month's cremations (a quarter of a percent
/// of the pensioners; one in ten without an identity number). Imported, linked and run as the monthly job would:
/// this is the run the province waits for every month, after the first one over its whole history.
/// </summary>
public static class RegisterNextMonth
{
    public static async Task RunAsync(PetitionsFactory factory, string folder, IReadOnlyList<(string Name, DateOnly Born)> names, bool[] paidInDecember,
        Func<int, DateOnly, string> idOf)
    {
        var random = new Random(11);
        var ledger = Path.Combine(folder, "ledger-2025-01.csv");
        var cremations = Path.Combine(folder, "cremations-2025-01.csv");
        var deaths = 0;
        await using (var l = new StreamWriter(ledger, false, new UTF8Encoding(false)))
        await using (var c = new StreamWriter(cremations, false, new UTF8Encoding(false)))
        {
            await l.WriteLineAsync("个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人");
            await c.WriteLineAsync("姓名,身份证号,出生日期,火化日期");
            for (var i = 0; i < names.Count; i++)
            {
                if (!paidInDecember[i])
                {
                    continue;
                }
                await l.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"P{i:D8},62179955{i:D11},2025-01,1830.50,正常发放,2025-01-15,周某"));
                if (random.NextDouble() < 0.0025)
                {
                    deaths++;
                    var (name, born) = names[i];
                    var id = random.Next(10) == 0 ? "" : idOf(i, born);
                    await c.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name},{id},{born:yyyy-MM-dd},2025-01-{1 + random.Next(28):D2}"));
                }
            }
        }
        var casesBefore = await factory.QueryAsync(db => db.Reports.CountAsync(x => x.Source == Core.Reports.ReportSource.DataMatching));
        var (ledgerSeconds, ledgerRows, _) = await RegisterBench.ImportAsync(factory, RegisterSource.PaymentLedger, ledger);
        var (deathSeconds, _, _) = await RegisterBench.ImportAsync(factory, RegisterSource.Cremation, cremations);
        var watch = Stopwatch.StartNew();
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<MatchingLinks>().LinkAsync(CancellationToken.None);
        }
        var linkSeconds = watch.Elapsed.TotalSeconds;
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<MatchingRun>().RunAsync(CancellationToken.None);
        }
        var cases = await factory.QueryAsync(db => db.Reports.CountAsync(x => x.Source == Core.Reports.ReportSource.DataMatching)) - casesBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The next month (2025-01: {ledgerRows:N0} ledger rows imported in {ledgerSeconds:F1} s, {deaths:N0} cremations in {deathSeconds:F1} s): linking {linkSeconds:F1} s, linking + run {watch.Elapsed.TotalSeconds:F1} s (target ≤ 120 s), {cases:N0} new cases."));
    }
}

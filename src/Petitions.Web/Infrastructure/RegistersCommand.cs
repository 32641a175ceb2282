using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Web.Services;
using Petitions.Web.UseCases.Matching;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// <c>./petitions registers import --source SOURCE FILE</c>: the page's import from the command line, for files
/// larger than a browser should send. Prints in both languages; exit code 0 imported, 2 refused (the problems listed),
/// 4 already imported, 64 a usage error. Audited with no person (the command line is the operator's).
/// <c>./petitions registers run</c> runs the matching now; <c>./petitions registers hits FILE</c> writes every hit
/// (rule, the roll's person number, identity number, months, money, case number, outcome) as CSV for an auditor, the
/// identity numbers unsealed, the export audited like any showing and the file readable by its owner only.
/// </summary>
public static class RegistersCommand
{
    private static readonly Dictionary<string, RegisterSource> Sources = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pension-roll"] = RegisterSource.PensionRoll,
        ["payment-ledger"] = RegisterSource.PaymentLedger,
        ["cremation"] = RegisterSource.Cremation,
        ["household-deregistration"] = RegisterSource.HouseholdDeregistration,
        ["death-certificate"] = RegisterSource.DeathCertificate,
        ["status-change"] = RegisterSource.StatusChange,
        ["prison"] = RegisterSource.Prison,
        ["bank-withdrawal"] = RegisterSource.BankWithdrawal,
    };

    public static async Task<int> RunAsync(IServiceProvider services, string source, string path)
    {
        if (!Sources.TryGetValue(source, out var kind) || !File.Exists(path))
        {
            Console.Error.WriteLine($"usage: ./petitions registers import --source {string.Join("|", Sources.Keys)} FILE");
            return 64;
        }
        using var scope = services.CreateScope();
        await using var file = File.OpenRead(path);
        var result = await scope.ServiceProvider.GetRequiredService<RegisterImporter>().ImportAsync(kind, Path.GetFileName(path), file, null, CancellationToken.None);
        if (result.Import is { } import)
        {
            Console.WriteLine($"imported {import.Rows} rows of {source} from {import.FileName} / 已导入 {import.Rows} 行");
            return 0;
        }
        if (result.Duplicate is { } earlier)
        {
            Console.WriteLine($"refused: this file was already imported on {earlier.ImportedAt:u} as {earlier.FileName} / 此文件已导入过");
            return 4;
        }
        Console.WriteLine($"refused: {result.ProblemCount} problems, nothing stored / 文件未导入：{result.ProblemCount} 处问题");
        Console.WriteLine("line,column,problem");
        foreach (var p in result.Problems)
        {
            Console.WriteLine($"{p.Line},\"{p.Column.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{p.Kind}");
        }
        return 2;
    }

    public static async Task<int> RunMatchingAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var held = await scope.ServiceProvider.GetRequiredService<MatchingRun>().RunAsync(CancellationToken.None);
        var cases = await scope.ServiceProvider.GetRequiredService<AppDbContext>().MatchHits.Where(h => h.ReportId != null).Select(h => h.ReportId).Distinct().CountAsync();
        Console.WriteLine($"matching run done: {held} hits held, {cases} cases / 比对完成：现有 {held} 条疑点，{cases} 件案件");
        return 0;
    }

    public static async Task<int> ExportHitsAsync(IServiceProvider services, string path)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sealing = scope.ServiceProvider.GetRequiredService<RegisterSealing>();
        var rows = await db.MatchHits.AsNoTracking().OrderBy(h => h.Rule).ThenBy(h => h.PersonNumber)
            .Select(h => new
            {
                Hit = h,
                Case = db.Reports.Where(r => r.Id == h.ReportId).Select(r => r.TrackingNumber).FirstOrDefault(),
                Id = db.RegisterEntries.Where(e => e.Source == RegisterSource.PensionRoll && e.PersonNumber == h.PersonNumber)
                    .OrderByDescending(e => e.Id).Select(e => e.IdSealed).FirstOrDefault(),
            }).ToListAsync();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, AuditAction.Export, null, $"matching hits csv: {rows.Count} rows", CancellationToken.None);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), options))
        await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "rule", "person_number", "id_number", "link", "death_date", "months", "amount", "case", "outcome", "to_recover", "recovered" })
            {
                csv.WriteField(header);
            }
            await csv.NextRecordAsync();
            foreach (var row in rows)
            {
                var h = row.Hit;
                csv.WriteField(h.Rule);
                csv.WriteField(Statistics.StatsExport.Neutralize(h.PersonNumber));
                csv.WriteField(sealing.Unseal(row.Id) ?? "");
                // Every link today is exact, on the identity number's keyed hash.
                csv.WriteField("exact");
                csv.WriteField(h.DeathDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(h.Months);
                csv.WriteField(h.Amount);
                csv.WriteField(row.Case ?? "");
                csv.WriteField(h.Decision is { } d ? d + (h.FalsePositiveReason is { } why ? ":" + why : "") : "");
                csv.WriteField(h.ToRecover?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(h.Recovered?.ToString(CultureInfo.InvariantCulture) ?? "");
                await csv.NextRecordAsync();
            }
        }
        Console.WriteLine($"{rows.Count} hits written to {path} / 已导出 {rows.Count} 条疑点");
        return 0;
    }
}

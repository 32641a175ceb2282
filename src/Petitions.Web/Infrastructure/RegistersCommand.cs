using Petitions.Core.Matching;
using Petitions.Web.UseCases.Matching;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// <c>./petitions registers import --source SOURCE FILE</c>: the page's import from the command line, for files
/// larger than a browser should send. Prints in both languages; exit code 0 imported, 2 refused (the problems listed),
/// 4 already imported, 64 a usage error. Audited with no person (the command line is the operator's).
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
}

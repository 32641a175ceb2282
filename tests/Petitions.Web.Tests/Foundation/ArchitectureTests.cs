using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Petitions.Web.Tests.Foundation;

/// <summary>
/// The shape of the code, kept by tests: use cases reach neither pages nor jobs (jobs call use cases, never the
/// reverse; the work use cases leave goes through <see cref="UseCases.IWorkQueue"/>), pages reach no job, nothing but
/// the start-up code seeds, namespaces follow folders, and no hand-written file grows past 300 lines.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Web = typeof(Program).Assembly;

    private static void Holds(ConditionList rule, string what)
    {
        var result = rule.GetResult();
        Assert.True(result.IsSuccessful, what + ": " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void UseCases_ReachNeitherPagesNorJobsNorSeeding()
    {
        Holds(Types.InAssembly(Web).That().ResideInNamespace("Petitions.Web.UseCases").ShouldNot()
            .HaveDependencyOnAny("Petitions.Web.Pages", "Petitions.Web.Jobs", "Petitions.Web.Seeding", "Hangfire", "Microsoft.AspNetCore.Mvc"), "use cases");
    }

    [Fact]
    public void Pages_ReachNoJob_AndJobsReachNoPage()
    {
        Holds(Types.InAssembly(Web).That().ResideInNamespace("Petitions.Web.Pages").ShouldNot().HaveDependencyOnAny("Petitions.Web.Jobs", "Petitions.Web.Seeding"), "pages");
        Holds(Types.InAssembly(Web).That().ResideInNamespace("Petitions.Web.Jobs").ShouldNot().HaveDependencyOn("Petitions.Web.Pages"), "jobs");
    }

    [Fact]
    public void Services_AndStatistics_ReachNoPageUseCaseOrJob()
    {
        foreach (var ns in new[] { "Petitions.Web.Services", "Petitions.Web.Statistics", "Petitions.Web.Components" })
        {
            Holds(Types.InAssembly(Web).That().ResideInNamespace(ns).ShouldNot()
                .HaveDependencyOnAny("Petitions.Web.Pages", "Petitions.Web.UseCases", "Petitions.Web.Jobs", "Petitions.Web.Seeding"), ns);
        }
    }

    [Fact]
    public void CoreAndData_KnowNothingOfTheWeb()
    {
        Holds(Types.InAssembly(typeof(Core.Reports.Report).Assembly).ShouldNot().HaveDependencyOnAny("Petitions.Data", "Petitions.Web", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"), "core");
        Holds(Types.InAssembly(typeof(Data.AppDbContext).Assembly).ShouldNot().HaveDependencyOn("Petitions.Web"), "data");
    }

    private static string Source => Path.Combine(Path.GetDirectoryName(Infrastructure.WebRootLocator.Find() ?? throw new InvalidOperationException("Run from the repository."))!, "src");

    private static IEnumerable<string> HandWritten() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void NamespacesFollowFolders()
    {
        // Pages/Report holds the filing form; its namespace is Pages.Filing so that "Report" stays the domain's type. The
        // resources' marker type names the resource files by its namespace, the assembly's root.
        var exceptions = new Dictionary<string, string> { ["Petitions.Web.Pages.Report"] = "Petitions.Web.Pages.Filing", ["Petitions.Web.Resources"] = "Petitions.Web" };
        var wrong = new List<string>();
        foreach (var file in HandWritten())
        {
            var relative = Path.GetRelativePath(Source, Path.GetDirectoryName(file)!);
            var expected = relative.Replace(Path.DirectorySeparatorChar, '.');
            expected = exceptions.GetValueOrDefault(expected, expected);
            if (Namespace().Match(File.ReadAllText(file)) is { Success: true } declared && declared.Groups[1].Value != expected)
            {
                wrong.Add($"{Path.GetRelativePath(Source, file)}: {declared.Groups[1].Value}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void NoHandWrittenFile_IsOver300Lines()
    {
        var migrations = $"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}";
        var long_ = HandWritten().Where(f => !f.Contains(migrations, StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(Source, f), Lines: File.ReadLines(f).Count())).Where(x => x.Lines > 300).ToList();
        Assert.True(long_.Count == 0, string.Join("\n", long_.Select(x => $"{x.File}: {x.Lines}")));
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}

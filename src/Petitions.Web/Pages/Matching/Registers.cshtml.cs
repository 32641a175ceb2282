using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Web.Services;
using Petitions.Web.UseCases.Matching;

namespace Petitions.Web.Pages.Matching;

/// <summary>
/// The analyst's registers: import a pension roll, a payment ledger or a death register (CSV in UTF-8 or GB18030, or
/// XLSX), see why a file was refused (line, column, reason; the list downloads as CSV), and the imports kept.
/// </summary>
public sealed class RegistersModel(AppDbContext db, RegisterImporter importer, IMemoryCache memory, IStringLocalizer<SharedResource> l, Display display) : PageModel
{
    [BindProperty] public RegisterSource? Source { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public IReadOnlyList<RegisterImport> Imports { get; private set; } = [];
    public ImportResult? Result { get; private set; }
    /// <summary>Where the refused file's problems download from (this instance, for an hour).</summary>
    public string? ProblemsKey { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Source is not { } source || !Enum.IsDefined(source))
        {
            ModelState.AddModelError(nameof(Source), l["Registers.SourceRequired"]);
        }
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), l["Registers.FileRequired"]);
        }
        if (ModelState.IsValid)
        {
            await using var content = Upload!.OpenReadStream();
            Result = await importer.ImportAsync(Source!.Value, Upload.FileName, content, StaffAccess.UserId(User), ct);
            if (Result.ProblemCount > 0)
            {
                ProblemsKey = Guid.NewGuid().ToString("N");
                memory.Set("register-problems:" + ProblemsKey, (User.Identity?.Name, Csv(Result.Problems)), TimeSpan.FromHours(1));
                ModelState.AddModelError(nameof(Upload), l["Registers.Refused", Result.ProblemCount]);
            }
            else if (Result.Duplicate is { } earlier)
            {
                ModelState.AddModelError(nameof(Upload), l["Registers.Duplicate", display.When(earlier.ImportedAt), earlier.FileName]);
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The refused file's problems as CSV (for whoever imported it, while this instance keeps them).</summary>
    public IActionResult OnGetProblems(string key) =>
        memory.TryGetValue("register-problems:" + key, out (string? Owner, string Csv) kept) && kept.Owner == User.Identity?.Name
            ? File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(kept.Csv)).ToArray(), "text/csv", "problems.csv")
            : NotFound();

    public string Reason(RowProblemKind kind) => l["Registers.Problem." + kind];

    private string Csv(IEnumerable<RowProblem> problems)
    {
        var text = new System.Text.StringBuilder();
        text.Append(l["Registers.Line"]).Append(',').Append(l["Registers.Column"]).Append(',').Append(l["Registers.Reason"]).Append("\r\n");
        foreach (var p in problems)
        {
            text.Append(p.Line.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Quote(p.Column)).Append(',').Append(Quote(Reason(p.Kind))).Append("\r\n");
        }
        return text.ToString();
    }

    /// <summary>A CSV field, quoted; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.</summary>
    private static string Quote(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Imports = await db.RegisterImports.AsNoTracking().OrderByDescending(i => i.ImportedAt).Take(100).ToListAsync(ct);
}

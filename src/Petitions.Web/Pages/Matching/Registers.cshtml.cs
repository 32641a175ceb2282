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
public sealed class RegistersModel(AppDbContext db, RegisterImporter importer, RegisterHeaders headers, IMemoryCache memory, IStringLocalizer<SharedResource> l,
    Display display) : PageModel
{
    [BindProperty] public RegisterSource? Source { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public IReadOnlyList<RegisterImport> Imports { get; private set; } = [];
    public ImportResult? Result { get; private set; }
    /// <summary>Where the refused file's problems download from (this instance, for an hour).</summary>
    public string? ProblemsKey { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The unknown headers of the refused file, to say what each is (shown again as posted after a refusal).</summary>
    public IReadOnlyList<string> Unknown { get; private set; } = [];
    public IReadOnlyList<string> Chosen { get; private set; } = [];
    public string? Notice { get; private set; }

    /// <summary>Remembers what the refused file's unknown headers mean for this source.</summary>
    public async Task<IActionResult> OnPostMapAsync(List<string> header, List<string> field, CancellationToken ct)
    {
        var meanings = new List<(string, RegisterField?)>();
        for (var i = 0; i < Math.Min(header.Count, RegisterHeaders.MaxHeaders); i++)
        {
            var chosen = i < field.Count ? field[i] : "";
            if (chosen == "ignore")
            {
                meanings.Add((header[i], null));
            }
            else if (Enum.TryParse<RegisterField>(chosen, out var f) && Enum.IsDefined(f))
            {
                meanings.Add((header[i], f));
            }
        }
        var outcome = Source is { } source && Enum.IsDefined(source) && meanings.Count == header.Count && header.Count > 0
            ? await headers.SaveAsync(source, meanings, StaffAccess.UserId(User), ct)
            : UseCases.Outcome.Invalid("Headers", "Registers.Map.Invalid");
        if (outcome.Succeeded)
        {
            Notice = l[outcome.MessageKey!, outcome.Args ?? []];
        }
        else
        {
            (Unknown, Chosen) = (header.Take(RegisterHeaders.MaxHeaders).ToList(), field);
            ModelState.AddModelError("Headers", l[outcome.MessageKey ?? "Registers.Map.Invalid"]);
        }
        await LoadAsync(ct);
        return Page();
    }

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
                Unknown = Result.Problems.Where(p => p.Kind == RowProblemKind.UnknownColumn).Select(p => p.Column).Distinct().ToList();
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
        memory.TryGetValue("register-problems:" + key, out (string? Owner, byte[] Csv) kept) && kept.Owner == User.Identity?.Name
            ? File(kept.Csv, "text/csv; charset=utf-8", "problems.csv")
            : NotFound();

    public string Reason(RowProblemKind kind) => l["Registers.Problem." + kind];

    /// <summary>The problems as CSV (CsvHelper), every text neutralised as the statistics exports do it.</summary>
    private byte[] Csv(IEnumerable<RowProblem> problems)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvHelper.CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            csv.WriteField(l["Registers.Line"].Value);
            csv.WriteField(l["Registers.Column"].Value);
            csv.WriteField(l["Registers.Reason"].Value);
            csv.NextRecord();
            foreach (var p in problems)
            {
                csv.WriteField(p.Line);
                csv.WriteField(Statistics.StatsExport.Neutralize(p.Column));
                csv.WriteField(Reason(p.Kind));
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Imports = await db.RegisterImports.AsNoTracking().OrderByDescending(i => i.ImportedAt).Take(100).ToListAsync(ct);
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// A clue found by an inspection tour, an audit or a discipline case, registered by staff: it becomes a report like a
/// citizen's (same triage, queues, time limits, campaign scopes) with its source, reference and the day it was found.
/// It has no reporter, so no tracking key is given out and nobody is mailed.
/// </summary>
public sealed class CluesModel(AppDbContext db, UseCases.Intake.FileReport filing, ReportKindCatalogue kindCatalogue, Services.UploadSession uploads,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ClueInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public List<string> Pending { get; set; } = [];

    public IReadOnlyList<ReportKind> Kinds { get; private set; } = [];
    public IReadOnlyList<StoredFile> Accepted => uploads.Accepted;
    public IEnumerable<string> PendingTokens => uploads.Tokens;
    public sealed record Row(Guid Id, string TrackingNumber, ReportSource Source, string? Reference, string RegionCode, DateTimeOffset At);
    public IReadOnlyList<Row> Recent { get; private set; } = [];
    public string? Registered { get; private set; }

    public static readonly ReportSource[] Sources = [ReportSource.InspectionTour, ReportSource.Audit, ReportSource.DisciplineCase];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Registered = TempData["Registered"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await uploads.AcceptAsync(Pending, Files, ModelState, nameof(Files), ct);
        // The clue's own question: where it was found. Everything else is the intake use case's.
        if (Input.Source is not { } source || !Sources.Contains(source))
        {
            ModelState.AddModelError("Input.Source", l["Clue.SourceRequired"]);
            source = ReportSource.InspectionTour;
        }
        var submission = new UseCases.Intake.Submission
        {
            // Found by an inspection tour, an audit or a discipline case: it reaches the department from another body.
            From = new UseCases.Intake.IntakeSource(ReportChannel.OtherAgency, source, null, StaffAccess.UserId(User), Input.Reference, Input.FoundOn),
            KindCode = Input.KindCode,
            Region = Input.Region,
            AmountYuan = Input.AmountYuan,
            Description = Input.Description,
            Files = uploads.Accepted,
            Culture = System.Globalization.CultureInfo.CurrentUICulture.IsChinese() ? "zh-CN" : "en",
        };
        if (!ModelState.IsValid)
        {
            ModelState.AddIntakeErrors((await filing.CheckAsync(submission, ct)).Errors, l);
            return Page();
        }
        // The files' metadata is removed now, once the form is otherwise ready to be stored.
        await uploads.CleanAsync(ModelState, nameof(Files), ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var filed = await filing.FileAsync(submission, ct);
        if (!filed.Filed)
        {
            ModelState.AddIntakeErrors(filed.Errors, l);
            return Page();
        }
        TempData["Registered"] = filed.Receipt!.TrackingNumber;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Kinds = await kindCatalogue.EnabledAsync(ct);
        var me = StaffAccess.UserId(User);
        Recent = await db.Reports.AsNoTracking().Where(r => r.RegisteredById == me).OrderByDescending(r => r.SubmittedAt).Take(20)
            .Select(r => new Row(r.Id, r.TrackingNumber, r.Source, r.SourceReference, r.RegionCode, r.SubmittedAt)).ToListAsync(ct);
    }

    public sealed class ClueInput
    {
        [Display(Name = "Clue.Source")]
        public ReportSource? Source { get; set; }

        [Display(Name = "Clue.Reference")]
        public string? Reference { get; set; }

        [Display(Name = "Clue.FoundOn")]
        public DateOnly? FoundOn { get; set; }

        [Display(Name = "Campaign.Region")]
        public string? Region { get; set; }

        [Display(Name = "Report.Kind")]
        public string? KindCode { get; set; }

        [Display(Name = "Clue.Description")]
        public string? Description { get; set; }

        [Display(Name = "Clue.Amount")]
        public decimal? AmountYuan { get; set; }
    }
}

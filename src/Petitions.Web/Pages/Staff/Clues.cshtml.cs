using System.ComponentModel.DataAnnotations;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Core.Tracking;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// A clue found by an inspection tour, an audit or a discipline case, registered by staff: it becomes a report like a
/// citizen's (same triage, queues, time limits, campaign scopes) with its source, reference and the day it was found.
/// It has no reporter, so no tracking key is given out and nobody is mailed.
/// </summary>
public sealed class CluesModel(AppDbContext db, RegionCatalogue regions, ReportKindCatalogue kindCatalogue, Filing.UploadSession uploads,
    AccessKeyHasher hasher, TimeLimitPolicy policy, TimeProvider clock, AuditLog audit, IBackgroundJobClient jobs, UseCases.Transaction transaction,
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
        var me = StaffAccess.UserId(User);
        var region = regions.Resolve(Input.Region);
        if (!string.IsNullOrWhiteSpace(Input.Region) && region is null)
        {
            ModelState.AddModelError("Input.Region", l["Campaign.RegionUnknown"]);
        }
        else if (region is not null)
        {
            var mine = await db.Jurisdictions.Where(j => j.UserId == me).Select(j => j.RegionCode).ToListAsync(ct);
            if (!mine.Any(j => regions.IsWithin(region, j)))
            {
                ModelState.AddModelError("Input.Region", l["Campaign.RegionOutside"]);
            }
        }
        var today = policy.LocalDay(clock.GetUtcNow());
        if (Input.FoundOn is { } found && found > today)
        {
            ModelState.AddModelError("Input.FoundOn", l["Clue.FoundInFuture"]);
        }
        if (Input.Source is not { } source || !Sources.Contains(source))
        {
            ModelState.AddModelError("Input.Source", l["Clue.SourceRequired"]);
            source = ReportSource.InspectionTour;
        }
        if (Input.KindCode is null || Kinds.All(k => k.Code != Input.KindCode))
        {
            ModelState.AddModelError("Input.KindCode", l["Validation.Required"]);
        }
        if (!ModelState.IsValid || region is null)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        var report = new Report
        {
            Id = Guid.CreateVersion7(now),
            TrackingNumber = TrackingCodes.NewTrackingNumber(),
            // Nobody follows a clue with a key: a random one, hashed and never shown.
            AccessKeyHash = hasher.Hash(TrackingCodes.NewAccessKey()),
            IsAnonymous = true,
            KindCode = Input.KindCode!,
            RegimeCode = await kindCatalogue.RegimeOfAsync(Input.KindCode!, ct),
            RegionCode = region,
            Description = Input.Description!.Trim(),
            AmountYuan = Input.AmountYuan,
            Culture = System.Globalization.CultureInfo.CurrentUICulture.Name,
            Source = source,
            SourceReference = Input.Reference!.Trim(),
            FoundOn = Input.FoundOn,
            RegisteredById = me,
            Attachments = uploads.Accepted.Select(f => new Attachment
            {
                Id = Guid.NewGuid(), DisplayName = f.DisplayName, ContentType = f.ContentType, Length = f.Length, StorageKey = f.StorageKey, AddedAt = now,
            }).ToList(),
        };
        report.MarkSubmitted(now, policy);
        // The clue and its audit entry commit together; then triage is told.
        await transaction.RunAsync(async token =>
        {
            db.Reports.Add(report);
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(me, AuditAction.ReportAction, report.Id, $"clue registered ({source})", token);
            return UseCases.Outcome.Done("Clue.Registered");
        }, ct);
        await Jobs.TriageSignal.RaiseAsync(db, jobs, ct);
        TempData["Registered"] = report.TrackingNumber;
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

        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Clue.Reference")]
        public string? Reference { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Clue.FoundOn")]
        public DateOnly? FoundOn { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Campaign.Region")]
        public string? Region { get; set; }

        [Display(Name = "Report.Kind")]
        public string? KindCode { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(10_000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Clue.Description")]
        public string? Description { get; set; }

        [Range(0, 100_000_000_000, ErrorMessage = "Review.MoneyNegative")]
        [Display(Name = "Clue.Amount")]
        public decimal? AmountYuan { get; set; }
    }
}

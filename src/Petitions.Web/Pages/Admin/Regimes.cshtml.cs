using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Admin;

/// <summary>
/// The legal regimes (each step's limit in calendar or working days), which regime each kind of report follows, and
/// which years of the official calendar are loaded. A change applies to due dates computed from then on; due dates
/// already set stay (they were right under the rules of their day). Saved with its audit entry in one transaction.
/// </summary>
public sealed class RegimesModel(AppDbContext db, UseCases.Rules.RegimeAndNoticeEditing editing, TimeLimitPolicy policy, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly string[] Steps = ["Acceptance", "AcceptanceNotice", "Conclusion", "MaxExtension", "ReviewRequest", "ReviewAnswer"];

    [BindProperty] public RegimeInput Input { get; set; } = new();
    [BindProperty] public Dictionary<string, string> KindRegimes { get; set; } = [];

    public IReadOnlyList<LegalRegime> Regimes { get; private set; } = [];
    public IReadOnlyList<ReportKind> Kinds { get; private set; } = [];
    public string? Notice { get; private set; }
    public int ThisYear { get; private set; }
    public bool Editing => Input.Existing;

    public async Task<IActionResult> OnGetAsync(string? code, string? notice, CancellationToken ct)
    {
        if (code is not null)
        {
            if (await db.LegalRegimes.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct) is not { } regime)
            {
                return NotFound();
            }
            Input = RegimeInput.From(regime);
        }
        Notice = notice;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!Input.Existing && Input.Code is { Length: > 0 } code && await db.LegalRegimes.AnyAsync(r => r.Code == code, ct))
        {
            ModelState.AddModelError("Input.Code", l["Admin.Regimes.CodeTaken"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await editing.SaveRegimeAsync(StaffAccess.UserId(User), Input.Code!, Input.Existing, Input.ToRegime, Input.ApplyTo, ct);
        return this.Saved(outcome);
    }

    public async Task<IActionResult> OnPostKindsAsync(CancellationToken ct)
    {
        var outcome = await editing.ChooseRegimesAsync(StaffAccess.UserId(User), KindRegimes, ct);
        return RedirectToPage(new { notice = outcome.MessageKey });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Regimes = await db.LegalRegimes.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
        Kinds = await db.ReportKinds.AsNoTracking().OrderBy(k => k.SortOrder).ToListAsync(ct);
        ThisYear = policy.LocalDay(clock.GetUtcNow()).Year;
    }

    public bool Covers(int year) => policy.Calendar.Covers(year);
    public IReadOnlyCollection<int> Years => policy.Calendar.Years;

    public sealed class RegimeInput
    {
        /// <summary>True when editing a regime that exists (its code cannot change).</summary>
        public bool Existing { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [RegularExpression("^[a-z0-9-]{3,40}$", ErrorMessage = "Admin.Regimes.CodeFormat")]
        [Display(Name = "Admin.Regimes.Code")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Regimes.NameZh")]
        public string? NameZh { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(300, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Regimes.NameEn")]
        public string? NameEn { get; set; }

        [StringLength(4000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Regimes.Citation")]
        public string? Citation { get; set; }

        /// <summary>Each step's days, in <see cref="Steps"/> order.</summary>
        [Range(0, 365, ErrorMessage = "Admin.Regimes.Days")] public int AcceptanceDays { get; set; } = 15;
        public DayCount AcceptanceCount { get; set; }
        [Range(0, 365, ErrorMessage = "Admin.Regimes.Days")] public int AcceptanceNoticeDays { get; set; } = 15;
        public DayCount AcceptanceNoticeCount { get; set; }
        [Range(1, 365, ErrorMessage = "Admin.Regimes.Days")] public int ConclusionDays { get; set; } = 60;
        public DayCount ConclusionCount { get; set; }
        [Range(0, 365, ErrorMessage = "Admin.Regimes.Days")] public int MaxExtensionDays { get; set; } = 30;
        public DayCount MaxExtensionCount { get; set; }
        [Range(1, 365, ErrorMessage = "Admin.Regimes.Days")] public int ReviewRequestDays { get; set; } = 30;
        public DayCount ReviewRequestCount { get; set; }
        [Range(1, 365, ErrorMessage = "Admin.Regimes.Days")] public int ReviewAnswerDays { get; set; } = 30;
        public DayCount ReviewAnswerCount { get; set; }

        [Display(Name = "Admin.Regimes.TransferRestarts")]
        public bool TransferRestartsClock { get; set; } = true;

        public static RegimeInput From(LegalRegime r) => new()
        {
            Existing = true, Code = r.Code, NameZh = r.NameZh, NameEn = r.NameEn, Citation = r.Citation,
            AcceptanceDays = r.Acceptance.Days, AcceptanceCount = r.Acceptance.Count,
            AcceptanceNoticeDays = r.AcceptanceNotice.Days, AcceptanceNoticeCount = r.AcceptanceNotice.Count,
            ConclusionDays = r.Conclusion.Days, ConclusionCount = r.Conclusion.Count,
            MaxExtensionDays = r.MaxExtension.Days, MaxExtensionCount = r.Conclusion.Count,
            ReviewRequestDays = r.ReviewRequest.Days, ReviewRequestCount = r.ReviewRequest.Count,
            ReviewAnswerDays = r.ReviewAnswer.Days, ReviewAnswerCount = r.ReviewAnswer.Count,
            TransferRestartsClock = r.TransferRestartsClock,
        };

        public LegalRegime ToRegime()
        {
            var regime = LegalRegime.LettersAndVisitsDefaults();
            regime.Code = Code!.Trim();
            ApplyTo(regime);
            return regime;
        }

        public void ApplyTo(LegalRegime r)
        {
            r.NameZh = NameZh!.Trim();
            r.NameEn = NameEn!.Trim();
            r.Citation = Citation?.Trim() ?? "";
            r.Acceptance = new TimeLimit(AcceptanceDays, AcceptanceCount);
            r.AcceptanceNotice = new TimeLimit(AcceptanceNoticeDays, AcceptanceNoticeCount);
            r.Conclusion = new TimeLimit(ConclusionDays, ConclusionCount);
            // An extension is counted like the conclusion it extends.
            r.MaxExtension = new TimeLimit(MaxExtensionDays, ConclusionCount);
            r.ReviewRequest = new TimeLimit(ReviewRequestDays, ReviewRequestCount);
            r.ReviewAnswer = new TimeLimit(ReviewAnswerDays, ReviewAnswerCount);
            r.TransferRestartsClock = TransferRestartsClock;
        }
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Campaigns;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Services;
using Petitions.Web.UseCases;

namespace Petitions.Web.Pages.Staff.Reviews;

/// <summary>
/// One item for its reviewer only (anyone else gets a 404): the original report with its whole history, internal
/// notes included, and the review record. Opening it is audited, as opening a report is.
/// </summary>
public sealed class ItemModel(AppDbContext db, UseCases.Reexamination.Campaigns campaigns, UseCases.Reexamination.Rectifications rectifications, AuditLog audit, TimeProvider clock,
    Services.UploadSession uploads, AttachmentStore store,
    Core.Policy.TimeLimitPolicy policy, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ReviewForm Input { get; set; } = new();
    [BindProperty] public FixForm Fix { get; set; } = new();
    [BindProperty] public ProgressForm Progress { get; set; } = new();

    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public List<string> Pending { get; set; } = [];
    public IReadOnlyList<StoredFile> Accepted => uploads.Accepted;
    public IEnumerable<string> PendingTokens => uploads.Tokens;
    public IReadOnlyList<CampaignEvidence> Evidence { get; private set; } = [];
    public IReadOnlyList<Attachment> ReportFiles { get; private set; } = [];

    public IReadOnlyList<Rectification> Fixes { get; private set; } = [];
    /// <summary>The rectification whose progress form was refused (its messages show under it).</summary>
    public long? RefusedProgress { get; private set; }
    public DateOnly Today { get; private set; }

    public CampaignItem Item { get; private set; } = null!;
    public Campaign Campaign { get; private set; } = null!;
    public Report Report { get; private set; } = null!;
    public string KindName { get; private set; } = "";
    public IReadOnlyDictionary<Guid, string> Actors { get; private set; } = new Dictionary<Guid, string>();
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Notice = TempData["Notice"] as string;
        await audit.AppendAsync(StaffAccess.UserId(User), AuditAction.ViewReport, Report.Id, $"campaign item {id}", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        // Files are stored at once and carried as tokens, so a refused record keeps them.
        await uploads.AcceptAsync(Pending, Files, ModelState, nameof(Files), ct);
        if (ModelState.IsValid)
        {
            await uploads.CleanAsync(ModelState, nameof(Files), ct);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var outcome = await campaigns.ReviewAsync(id, StaffAccess.UserId(User),
            new UseCases.Reexamination.Campaigns.ReviewInput(Input.Verdict, Input.Finding, Input.Reasons, Input.MoneyToStop, Input.MoneyToRecover, Input.Responsible, uploads.Accepted), ct);
        return Show(id, outcome);
    }

    /// <summary>A file of the original report or of this record, for the item's reviewer only; audited; always a download.</summary>
    public async Task<IActionResult> OnGetFileAsync(long id, Guid file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var (name, type, key) = Evidence.FirstOrDefault(e => e.Id == file) is { } evidence ? (evidence.DisplayName, evidence.ContentType, evidence.StorageKey)
            : ReportFiles.FirstOrDefault(a => a.Id == file) is { } attachment ? (attachment.DisplayName, attachment.ContentType, attachment.StorageKey)
            : default;
        if (key is null || !store.Exists(key))
        {
            return NotFound();
        }
        await audit.AppendAsync(StaffAccess.UserId(User), AuditAction.Download, Report.Id, $"campaign item {id}: {name}", ct);
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(store.OpenRead(key), type, name);
    }

    public async Task<IActionResult> OnPostAddRectificationAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        return Show(id, await rectifications.AddAsync(id, StaffAccess.UserId(User), new UseCases.Reexamination.RectificationInput(Fix.Problem, Fix.Owner, Fix.DueOn), ct));
    }

    public async Task<IActionResult> OnPostProgressAsync(long id, long rectificationId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Fixes.All(f => f.Id != rectificationId))
        {
            return NotFound();
        }
        RefusedProgress = rectificationId;
        return Show(id, await rectifications.UpdateAsync(rectificationId, StaffAccess.UserId(User),
            new UseCases.Reexamination.RectificationProgress(Progress.Evidence, Progress.Stopped, Progress.Recovered, Progress.Done), ct));
    }

    private IActionResult Show(long id, Outcome outcome) =>
        this.Answer(outcome, l, () =>
        {
            TempData["Notice"] = outcome.MessageKey;
            return RedirectToPage(new { id });
        });

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var me = StaffAccess.UserId(User);
        var item = await db.CampaignItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.ReviewerId == me, ct);
        if (item is null)
        {
            return false;
        }
        Item = item;
        Campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == item.CampaignId, ct);
        Report = await db.Reports.AsNoTracking().AsSplitQuery().Include(r => r.People).Include(r => r.Events.OrderBy(e => e.At).ThenBy(e => e.Id)).SingleAsync(r => r.Id == item.ReportId, ct);
        var chinese = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        KindName = (await db.ReportKinds.AsNoTracking().SingleOrDefaultAsync(k => k.Code == Report.KindCode, ct))?.Name(chinese) ?? Report.KindCode;
        var people = Report.Events.Select(e => e.ActorId).OfType<Guid>().Distinct().ToList();
        Actors = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? "", ct);
        Fixes = await db.Rectifications.AsNoTracking().Where(r => r.ItemId == item.Id).OrderBy(r => r.Id).ToListAsync(ct);
        Evidence = await db.CampaignEvidence.AsNoTracking().Where(e => e.ItemId == item.Id).OrderBy(e => e.AddedAt).ToListAsync(ct);
        ReportFiles = await db.Attachments.AsNoTracking().Where(a => a.ReportId == Report.Id && a.DeletedAt == null).OrderBy(a => a.AddedAt).ToListAsync(ct);
        Today = policy.LocalDay(clock.GetUtcNow());
        return true;
    }

    public sealed class FixForm
    {
        [StringLength(2_000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Rectification.Problem")]
        public string? Problem { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Rectification.Owner")]
        public string? Owner { get; set; }

        [Display(Name = "Rectification.DueOn")]
        public DateOnly? DueOn { get; set; }
    }

    public sealed class ProgressForm
    {
        [StringLength(4_000, ErrorMessage = "Validation.TooLong")]
        public string? Evidence { get; set; }

        [Range(0, 100_000_000_000, ErrorMessage = "Review.MoneyNegative")]
        public decimal? Stopped { get; set; }

        [Range(0, 100_000_000_000, ErrorMessage = "Review.MoneyNegative")]
        public decimal? Recovered { get; set; }

        public bool Done { get; set; }
    }

    public sealed class ReviewForm
    {
        [Display(Name = "Review.Verdict")]
        public ReviewVerdict? Verdict { get; set; }

        [Display(Name = "Review.Finding")]
        public Finding? Finding { get; set; }

        [StringLength(10_000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Review.Reasons")]
        public string? Reasons { get; set; }

        [Range(0, 100_000_000_000, ErrorMessage = "Review.MoneyNegative")]
        [Display(Name = "Review.MoneyToStop")]
        public decimal? MoneyToStop { get; set; }

        [Range(0, 100_000_000_000, ErrorMessage = "Review.MoneyNegative")]
        [Display(Name = "Review.MoneyToRecover")]
        public decimal? MoneyToRecover { get; set; }

        [StringLength(2_000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Review.Responsible")]
        public string? Responsible { get; set; }
    }
}

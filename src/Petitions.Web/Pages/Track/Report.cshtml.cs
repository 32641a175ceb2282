using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Pages.Report;

namespace Petitions.Web.Pages.Track;

/// <summary>The reporter's view of their report: public timeline, reply, review request, withdrawal.</summary>
[EnableRateLimiting(CitizenSetup.TrackPolicy)]
[RequestSizeLimit(230L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 230L * 1024 * 1024)]
public sealed class ReportModel(AppDbContext db, TrackAccess access, UploadSession uploads, TimeLimitPolicy policy, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public MessageInput Message { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public List<string> Pending { get; set; } = [];

    public Core.Reports.Report Report { get; private set; } = null!;
    public bool CanReply => ReportStateMachine.CanApply(Report.Status, ReportAction.Reply);
    public bool CanWithdraw => ReportStateMachine.CanApply(Report.Status, ReportAction.Withdraw);
    public bool CanRequestReview => Report.CanRequestReview(policy, clock.GetUtcNow());
    public DateTimeOffset? ReviewDeadline => Report.AnsweredAt is { } at ? policy.ReviewRequestDeadline(at) : null;
    public IReadOnlyList<Services.StoredFile> Accepted => uploads.Accepted;
    public IEnumerable<string> PendingTokens => uploads.Tokens;
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : RedirectToPage("./Index");

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return RedirectToPage("./Index");
        }
        await uploads.AcceptAsync(Pending, Files, ModelState, nameof(Files), ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return await ApplyAndSaveAsync(() => CanReply, () =>
        {
            var now = clock.GetUtcNow();
            Report.ReporterReply(Message.Text!, now);
            foreach (var f in uploads.Accepted)
            {
                Report.Attachments.Add(new Attachment { Id = Guid.NewGuid(), DisplayName = f.DisplayName, ContentType = f.ContentType, Length = f.Length, StorageKey = f.StorageKey, AddedAt = now });
            }
        }, "Track.Replied", ct);
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return RedirectToPage("./Index");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return await ApplyAndSaveAsync(() => CanRequestReview, () => Report.RequestReview(Message.Text!, clock.GetUtcNow(), policy), "Track.ReviewRequested", ct);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return RedirectToPage("./Index");
        }
        ModelState.Clear();
        return await ApplyAndSaveAsync(() => CanWithdraw, () => Report.Withdraw(null, clock.GetUtcNow()), "Track.Withdrawn", ct);
    }

    /// <summary>
    /// Applies the reporter's step and saves it. Staff or the triage job may have saved the report since it was
    /// loaded: the step is then applied again to the fresh report, if it is still allowed, rather than lost.
    /// After three conflicts in a row the page shows the report as it now stands, with a message.
    /// </summary>
    private async Task<IActionResult> ApplyAndSaveAsync(Func<bool> allowed, Action apply, string noticeKey, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!allowed())
            {
                ModelState.AddModelError(string.Empty, l["Track.NotNow"]);
                return Page();
            }
            apply();
            try
            {
                await db.SaveChangesAsync(ct);
                TempData["Notice"] = noticeKey;
                return RedirectToPage("./Report", new { Id });
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                if (!await LoadAsync(ct))
                {
                    return RedirectToPage("./Index");
                }
                if (attempt == 3)
                {
                    ModelState.AddModelError(string.Empty, l["Track.Changed"]);
                    return Page();
                }
            }
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var report = await access.ResolveAsync(HttpContext, Id, ct);
        if (report is null)
        {
            return false;
        }
        Report = report;
        Notice = TempData["Notice"] as string;
        return true;
    }

    public sealed class MessageInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(10_000, MinimumLength = 2, ErrorMessage = "Track.Message.Length")]
        [Display(Name = "Track.Message")]
        public string? Text { get; set; }
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Web.Infrastructure;
using Petitions.Web.UseCases;
using Petitions.Web.Services;
using Petitions.Web.UseCases.Tracking;

namespace Petitions.Web.Pages.Track;

/// <summary>The reporter's view of their report: public timeline, reply, review request, withdrawal.</summary>
public sealed class ReportModel(TrackAccess access, ReporterActions actions, RateGate gate, UploadSession uploads, TimeLimitPolicy policy, TimeProvider clock,
    Services.ReportKindCatalogue kinds, Services.AttachmentStore store, IStringLocalizer<SharedResource> l, Data.AppDbContext db,
    UseCases.Rewards.RewardClaims rewards) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public MessageInput Message { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public List<string> Pending { get; set; } = [];

    public Report Report { get; private set; } = null!;
    public bool CanReply => Can(ReportAction.Reply);
    public bool CanWithdraw => Can(ReportAction.Withdraw);
    public bool CanRequestReview => Can(ReportAction.RequestReview);
    /// <summary>True when the date counted working days into a year whose official holiday calendar is not loaded yet.</summary>
    public bool Provisional(DateTimeOffset due) => policy.IsProvisional(due, Report.RegimeCode);
    public DateTimeOffset? ReviewDeadline => Report.AnsweredAt is { } at ? policy.ReviewRequestDeadline(at, Report.RegimeCode) : null;
    public IReadOnlyList<Services.StoredFile> Accepted => uploads.Accepted;
    public IEnumerable<string> PendingTokens => uploads.Tokens;
    public string? Notice { get; private set; }
    public string KindName { get; private set; } = "";
    /// <summary>The formal notices issued to the reporter (acceptance, decline, transfer, reply), oldest first.</summary>
    public IReadOnlyList<Core.Notices.FormalNotice> FormalNotices { get; private set; } = [];
    /// <summary>The reward, once the reporter was told of it (granted or refused); null before.</summary>
    public UseCases.Rewards.RewardForReporter? Reward { get; private set; }
    /// <summary>True on the confirmation step of a withdrawal: the page asks before anything happens.</summary>
    public bool ConfirmingWithdrawal { get; private set; }

    /// <summary>The answer the reporter was given: the reason for not accepting, or the feedback on closing.</summary>
    public string? Answer => Report.LastAnswer;

    /// <summary>The reporter's own files (staff files are not shown here).</summary>
    public IEnumerable<Attachment> OwnFiles => Report.Attachments.Where(a => a.FromReporter);

    private bool Can(ReportAction action) => ReportPermissions.Can(Report, Actor.Reporter, action, policy, clock.GetUtcNow());

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : RedirectToPage("./Index");

    /// <summary>The second step of a withdrawal: what it means, and the one button that does it.</summary>
    public async Task<IActionResult> OnGetWithdrawAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return RedirectToPage("./Index");
        }
        ConfirmingWithdrawal = CanWithdraw;
        return Page();
    }

    /// <summary>One of the reporter's own files, always as a download.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(Guid file, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || OwnFiles.FirstOrDefault(a => a.Id == file) is not { } attachment || !store.Exists(attachment.StorageKey))
        {
            return NotFound();
        }
        return File(store.OpenRead(attachment.StorageKey), attachment.ContentType, attachment.DisplayName);
    }

    /// <summary>Ends the tracking session, on this browser and on the server (a shared computer keeps nothing of it).</summary>
    public async Task<IActionResult> OnPostEndAsync(CancellationToken ct)
    {
        await access.RevokeAsync(HttpContext, ct);
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        TempData["Notice"] = "Track.Ended";
        return RedirectToPage("./Index");
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken ct)
    {
        if (!gate.TryPass(RatePurpose.Reply, HttpContext))
        {
            return await TooManyAsync(ct);
        }
        await uploads.AcceptAsync(Pending, Files, ModelState, nameof(Files), ct);
        if (ModelState.IsValid)
        {
            await uploads.CleanAsync(ModelState, nameof(Files), ct);
        }
        return await ShowAsync(ModelState.IsValid ? await actions.ReplyAsync(HttpContext, Id, Message.Text!, uploads.Accepted, ct) : null, ct);
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct) =>
        !gate.TryPass(RatePurpose.Reply, HttpContext) ? await TooManyAsync(ct)
        : await ShowAsync(ModelState.IsValid ? await actions.RequestReviewAsync(HttpContext, Id, Message.Text!, ct) : null, ct);

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (!gate.TryPass(RatePurpose.Reply, HttpContext))
        {
            return await TooManyAsync(ct);
        }
        ModelState.Clear();
        return await ShowAsync(await actions.WithdrawAsync(HttpContext, Id, ct), ct);
    }

    /// <summary>Done: back to the report with the confirmation. Refused: the page again with the message and what was typed.</summary>
    private async Task<IActionResult> ShowAsync(Outcome? outcome, CancellationToken ct)
    {
        async Task<IActionResult> Again() => await LoadAsync(ct) ? Page() : RedirectToPage("./Index");
        if (outcome is null)
        {
            return await Again();
        }
        return await this.AnswerAsync(outcome, l, () =>
        {
            TempData["Notice"] = outcome.MessageKey;
            return RedirectToPage("./Report", new { Id });
        }, Again, notFound: () => RedirectToPage("./Index"));
    }

    /// <summary>Over the limit: the page again with what was typed and a message.</summary>
    private async Task<IActionResult> TooManyAsync(CancellationToken ct)
    {
        await uploads.AcceptAsync(Pending, [], ModelState, nameof(Files), ct);
        ModelState.AddModelError(string.Empty, l["RateLimit.KeepTyped"]);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return await LoadAsync(ct) ? Page() : RedirectToPage("./Index");
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
        KindName = (await kinds.EnabledAsync(ct)).FirstOrDefault(k => k.Code == report.KindCode)?.Name(System.Globalization.CultureInfo.CurrentUICulture.IsChinese()) ?? report.KindCode;
        FormalNotices = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.FormalNotices.Where(n => n.ReportId == report.Id).OrderBy(n => n.IssuedAt), ct);
        Reward = await rewards.ForReporterAsync(report.Id, ct);
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

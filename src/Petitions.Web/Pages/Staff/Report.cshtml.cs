using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Audit;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// One report for staff: what the reporter sent, the triage explanation, related reports, due dates and the
/// timeline, with the actions its status allows. Every handler loads the report through <see cref="StaffAccess"/>
/// (404 outside the person's jurisdictions or when excluded); every view, reveal, action and download is audited;
/// a stale page (another officer acted meanwhile) is refused with a message and overwrites nothing.
/// </summary>
public sealed class ReportModel(
    AppDbContext db, StaffAccess access, AuditLog audit, TimeLimitPolicy policy, TimeProvider clock, AttachmentStore store, Core.Regions.RegionCatalogue regions,
    UserManager<AppUser> users, IDataProtectionProvider protection, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public ActionInput Input { get; set; } = new();

    public Core.Reports.Report Report { get; private set; } = null!;
    public string KindName { get; private set; } = "";
    public IReadOnlyList<ReportPriorityItem> PriorityItems { get; private set; } = [];
    public IReadOnlyList<(ReportLink Link, string TrackingNumber, Guid OtherId)> Related { get; private set; } = [];
    public IReadOnlyList<ReportAction> Allowed { get; private set; } = [];
    public string? RevealedIdentity { get; private set; }
    public string? RevealedContact { get; private set; }
    public string? Notice { get; private set; }
    public bool IsSupervisor => User.IsInRole(Roles.Supervisor) || User.IsInRole(Roles.Admin);
    public uint Version { get; private set; }

    private Guid Me => StaffAccess.UserId(User);

    /// <summary>The shadow property mapped to PostgreSQL's xmin (optimistic concurrency).</summary>
    private const string VersionProperty = "Version";

    public async Task<IActionResult> OnGetAsync(string? notice, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Notice = notice;
        await audit.AppendAsync(Me, AuditAction.ViewReport, Id, "", ct);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid file, CancellationToken ct)
    {
        if (await access.FindAsync(User, Id, ct) is null)
        {
            return NotFound();
        }
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == file && a.ReportId == Id && a.DeletedAt == null, ct);
        if (attachment is null || !store.Exists(attachment.StorageKey))
        {
            return NotFound();
        }
        await audit.AppendAsync(Me, AuditAction.Download, Id, attachment.DisplayName, ct);
        Response.Headers.XContentTypeOptions = "nosniff";
        // Always a download, never rendered in the site's origin; the name is the sanitized display name.
        return File(store.OpenRead(attachment.StorageKey), attachment.ContentType, attachment.DisplayName);
    }

    public async Task<IActionResult> OnPostRevealAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Input.Reason))
        {
            ModelState.AddModelError("Input.Reason", l["Staff.Reveal.ReasonNeeded"]);
            return Page();
        }
        await audit.AppendAsync(Me, AuditAction.RevealIdentity, Id, Input.Reason.Trim(), ct);
        if (Report.ReporterId is { } reporter && await users.FindByIdAsync(reporter.ToString()) is { } account)
        {
            RevealedIdentity = $"{account.DisplayName} <{account.Email}>";
        }
        if (Report.ContactProtected is { } contact)
        {
            RevealedContact = protection.CreateProtector(ContactProtection.Purpose).Unprotect(contact);
        }
        RevealedIdentity ??= l["Staff.Reveal.Anonymous"];
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostActAsync(ReportAction act, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (act is ReportAction.Assign or ReportAction.ApproveExtension && !IsSupervisor)
        {
            return Forbid();
        }
        ModelState.Clear();
        if (!ReportStateMachine.CanApply(Report.Status, act) || act is ReportAction.Reply or ReportAction.RequestReview or ReportAction.Withdraw)
        {
            ModelState.AddModelError(string.Empty, l["Staff.NotNow"]);
            return Page();
        }
        var now = clock.GetUtcNow();
        var detail = act.ToString();
        switch (act)
        {
            case ReportAction.Claim:
                Report.Claim(Me, now);
                break;
            case ReportAction.Assign:
                var officer = string.IsNullOrWhiteSpace(Input.AssigneeEmail) ? null : await users.FindByEmailAsync(Input.AssigneeEmail.Trim());
                if (officer is null || !await CanWorkAsync(officer, ct))
                {
                    ModelState.AddModelError("Input.AssigneeEmail", l["Staff.Assign.Unknown"]);
                    return Page();
                }
                Report.Assign(officer.Id, Me, now);
                detail = $"Assign → {officer.Email}";
                break;
            case ReportAction.Accept:
                Report.Accept(Me, now, policy);
                break;
            case ReportAction.Decline:
                if (!Need(Input.Reason, "Input.Reason"))
                {
                    return Page();
                }
                Report.Decline(Me, Input.Reason!.Trim(), now);
                break;
            case ReportAction.StartVerification:
                Report.StartVerification(Me, now);
                break;
            case ReportAction.RequestExtension:
                if (Input.Days is not (>= 1 and <= 30))
                {
                    ModelState.AddModelError("Input.Days", l["Staff.Extension.Days", policy.MaxExtensionDays]);
                }
                if (!Need(Input.Reason, "Input.Reason") || !ModelState.IsValid)
                {
                    return Page();
                }
                try
                {
                    Report.RequestExtension(Me, Input.Days!.Value, Input.Reason!.Trim(), now, policy);
                }
                catch (InvalidOperationException)
                {
                    ModelState.AddModelError("Input.Days", l["Staff.Extension.Once"]);
                    return Page();
                }
                break;
            case ReportAction.ApproveExtension:
                try
                {
                    Report.ApproveExtension(Me, now, policy);
                }
                catch (InvalidOperationException)
                {
                    ModelState.AddModelError(string.Empty, l["Staff.Extension.Once"]);
                    return Page();
                }
                break;
            case ReportAction.RecordFinding:
                if (Input.Finding is null)
                {
                    ModelState.AddModelError("Input.Finding", l["Validation.Required"]);
                }
                if (!Need(Input.Text, "Input.Text") || !ModelState.IsValid)
                {
                    return Page();
                }
                Report.RecordFinding(Me, Input.Finding!.Value, Input.Text!.Trim(), now);
                detail = $"RecordFinding: {Input.Finding}";
                break;
            case ReportAction.Refer:
                if (Input.Referral is null)
                {
                    ModelState.AddModelError("Input.Referral", l["Validation.Required"]);
                    return Page();
                }
                Report.Refer(Me, Input.Referral.Value, now);
                detail = $"Refer: {Input.Referral}";
                break;
            case ReportAction.RecordOutcome:
                Report.RecordOutcome(Me, Input.MoneyStopped ?? 0, Input.MoneyRecovered ?? 0, Input.PeopleSanctioned ?? 0, Input.PeopleReferred ?? 0, now);
                break;
            case ReportAction.Close:
                if (!Need(Input.Text, "Input.Text"))
                {
                    return Page();
                }
                Report.Close(Me, Input.Text!.Trim(), now);
                break;
            case ReportAction.Merge:
                var target = string.IsNullOrWhiteSpace(Input.MergeInto) ? null
                    : await FindVisibleByNumberAsync(Input.MergeInto, ct);
                if (target is null)
                {
                    ModelState.AddModelError("Input.MergeInto", l["Staff.Merge.Unknown"]);
                    return Page();
                }
                Report.MergeInto(target.Id, Me, now);
                detail = $"Merge → {target.TrackingNumber}";
                break;
            case ReportAction.Reopen:
                Report.Reopen(Me, now, policy);
                break;
        }
        return await SaveAsync(AuditAction.ReportAction, detail, "Staff.Done", ct);
    }

    public async Task<IActionResult> OnPostMessageAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!Need(Input.Text, "Input.Text"))
        {
            return Page();
        }
        Report.MessageReporter(Me, Input.Text!.Trim(), clock.GetUtcNow());
        return await SaveAsync(AuditAction.ReportAction, "MessageToReporter", "Staff.MessageSent", ct);
    }

    public async Task<IActionResult> OnPostNoteAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!Need(Input.Note, "Input.Note"))
        {
            return Page();
        }
        Report.AddInternalNote(Me, Input.Note!.Trim(), clock.GetUtcNow());
        return await SaveAsync(AuditAction.ReportAction, "InternalNote", "Staff.NoteAdded", ct);
    }

    private async Task<Core.Reports.Report?> FindVisibleByNumberAsync(string number, CancellationToken ct)
    {
        var normalized = Core.Tracking.TrackingCodes.Normalize(number, 10) is { } n ? n : number.Trim();
        return await (await access.VisibleAsync(User, ct)).Where(r => r.TrackingNumber == normalized && r.Id != Id).SingleOrDefaultAsync(ct);
    }

    private bool Need(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ModelState.AddModelError(field, l["Validation.Required"]);
            return false;
        }
        if (value.Length > 10_000)
        {
            ModelState.AddModelError(field, l["Validation.TooLong"]);
            return false;
        }
        return true;
    }

    private async Task<bool> CanWorkAsync(AppUser officer, CancellationToken ct)
    {
        var covering = await Jobs.StaffQueries.CoveringAsync(db, regions, Report.QueueRegionCode!, [Roles.Officer, Roles.Supervisor], ct);
        return covering.Contains(officer.Id) && !await db.Exclusions.AnyAsync(e => e.ReportId == Id && e.UserId == officer.Id, ct);
    }

    /// <summary>Saves against the version the officer's page showed; a newer version wins and this one is refused.</summary>
    private async Task<IActionResult> SaveAsync(AuditAction action, string detail, string notice, CancellationToken ct)
    {
        db.Entry(Report).Property<uint>(VersionProperty).OriginalValue = Input.Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            Input.Version = Version;
            ModelState.AddModelError(string.Empty, l["Staff.Stale"]);
            return Page();
        }
        await audit.AppendAsync(Me, action, Id, detail, ct);
        return RedirectToPage(new { id = Id, notice });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var visible = await access.VisibleAsync(User, ct);
        if (!await visible.AnyAsync(r => r.Id == Id, ct))
        {
            return false;
        }
        Report = await db.Reports.Include(r => r.People).Include(r => r.Attachments.Where(a => a.DeletedAt == null))
            .Include(r => r.Events.OrderBy(e => e.At)).AsSplitQuery().SingleAsync(r => r.Id == Id, ct);
        Version = db.Entry(Report).Property<uint>(VersionProperty).CurrentValue;
        var zh = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        KindName = (await db.ReportKinds.SingleAsync(k => k.Code == Report.KindCode, ct)).Name(zh);
        PriorityItems = await db.PriorityItems.Where(p => p.ReportId == Id).OrderByDescending(p => p.Points).ToListAsync(ct);
        // Related reports are listed only when this person may see them too.
        var links = await db.ReportLinks.Where(k => k.ReportId == Id || k.RelatedReportId == Id).ToListAsync(ct);
        var otherIds = links.Select(k => k.ReportId == Id ? k.RelatedReportId : k.ReportId).Distinct().ToList();
        var numbers = await visible.Where(r => otherIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.TrackingNumber, ct);
        Related = links.Select(k => (k, k.ReportId == Id ? k.RelatedReportId : k.ReportId))
            .Where(x => numbers.ContainsKey(x.Item2)).Select(x => (x.k, numbers[x.Item2], x.Item2)).ToList();
        Allowed = ReportStateMachine.ActionsFrom(Report.Status)
            .Where(a => a is not (ReportAction.Reply or ReportAction.RequestReview or ReportAction.Withdraw))
            .Where(a => IsSupervisor || a is not (ReportAction.Assign or ReportAction.ApproveExtension))
            .ToList();
        if (!HttpMethods.IsPost(Request.Method))
        {
            // On a post the version stays the one the officer's page was built from.
            Input.Version = Version;
        }
        return true;
    }

    public sealed class ActionInput
    {
        public uint Version { get; set; }
        [StringLength(2000, ErrorMessage = "Validation.TooLong")] public string? Reason { get; set; }
        [StringLength(10_000, ErrorMessage = "Validation.TooLong")] public string? Text { get; set; }
        [StringLength(10_000, ErrorMessage = "Validation.TooLong")] public string? Note { get; set; }
        public Finding? Finding { get; set; }
        public Referral? Referral { get; set; }
        [Range(1, 30)] public int? Days { get; set; }
        [Range(0, 1_000_000_000)] public decimal? MoneyStopped { get; set; }
        [Range(0, 1_000_000_000)] public decimal? MoneyRecovered { get; set; }
        [Range(0, 100_000)] public int? PeopleSanctioned { get; set; }
        [Range(0, 100_000)] public int? PeopleReferred { get; set; }
        [StringLength(256)] public string? AssigneeEmail { get; set; }
        [StringLength(16)] public string? MergeInto { get; set; }
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Audit;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;
using Petitions.Web.UseCases;
using Petitions.Web.UseCases.Reports;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// One report for staff: what the reporter sent, the triage explanation, related reports, due dates and the
/// timeline, with exactly the actions Core allows this person now. Loading goes through <see cref="StaffAccess"/>
/// (404 outside the person's jurisdictions or when excluded); the actions are <see cref="ReportActions"/>.
/// Views, reveals and downloads are audited.
/// </summary>
public sealed class ReportModel(
    AppDbContext db, StaffAccess access, ReportActions actions, IdentityDisclosures disclosures, AuditLog audit, TimeLimitPolicy policy,
    TimeProvider clock, AttachmentStore store, StaffQueries staff, Display display, IStringLocalizer<SharedResource> l,
    UseCases.Matching.HitOutcomes hitOutcomes, UseCases.Matching.HitNumbers hitNumbers) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public StaffActionInput Input { get; set; } = new();
    [BindProperty] public HitOutcomeInput HitInput { get; set; } = new();
    /// <summary>A matching case's hits, with its outcome forms (empty for every other report).</summary>
    public MatchHitsView? MatchHits { get; private set; }
    private long? _postedHit;

    public Report Report { get; private set; } = null!;
    public string KindName { get; private set; } = "";
    /// <summary>The campaign whose lesson sent this report up to the city, with its threshold, when one did.</summary>
    public (string Name, int? Threshold)? RoutedBy { get; private set; }
    public IReadOnlyList<ReportPriorityItem> PriorityItems { get; private set; } = [];
    public IReadOnlyList<(ReportLink Link, string TrackingNumber, Guid OtherId)> Related { get; private set; } = [];
    public IReadOnlyList<ReportAction> Allowed { get; private set; } = [];
    public bool CanMessage { get; private set; }
    /// <summary>Requests to see the reporter's identity, with who asked and who decided (names).</summary>
    public IReadOnlyList<(IdentityDisclosure Request, string RequestedBy, string? DecidedBy, bool CanDecide)> Disclosures { get; private set; } = [];
    public bool CanRequestDisclosure { get; private set; }
    /// <summary>The reporter's identity, for the requester of an approved disclosure only.</summary>
    public ReporterIdentity? Identity { get; private set; }
    public string? Notice { get; private set; }
    public uint Version { get; private set; }

    private Guid Me => StaffAccess.UserId(User);

    /// <summary>The enabled templates for this report's language, offered above the message form.</summary>
    public IReadOnlyList<MessageTemplate> Templates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? template, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (template is { } chosen && CanMessage && Templates.FirstOrDefault(t => t.Id == chosen) is { } picked)
        {
            Input.Text = Fill(picked);
        }
        Notice = TempData["Notice"] as string;
        await audit.AppendAsync(Me, AuditAction.ViewReport, Id, "", ct);
        Identity = await disclosures.SeeAsync(User, Report, Disclosures.Select(d => d.Request), ct);
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

    public async Task<IActionResult> OnPostRevealRequestAsync(CancellationToken ct) =>
        await ShowAsync(await disclosures.RequestAsync(User, Id, Input.Reason, ct), ct);

    public async Task<IActionResult> OnPostRevealDecideAsync(long request, bool approve, CancellationToken ct) =>
        await ShowAsync(await disclosures.DecideAsync(User, Id, request, approve, Input.Reason, ct), ct);

    public async Task<IActionResult> OnPostActAsync(ReportAction act, CancellationToken ct) =>
        await ShowAsync(ModelState.IsValid ? await actions.ActAsync(User, Id, act, Input, ct) : null, ct);

    /// <summary>A hit's outcome: every refusal of the form beside its field (Core's rules), then the handler, which checks again.</summary>
    public async Task<IActionResult> OnPostHitAsync(long hit, CancellationToken ct)
    {
        _postedHit = hit;
        foreach (var problem in Core.Matching.HitOutcomeRules.Check(HitInput.ToOutcome(), policy.LocalDay(clock.GetUtcNow())))
        {
            if (ModelState.GetFieldValidationState("HitInput." + problem.Field) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            {
                ModelState.AddModelError("HitInput." + problem.Field, l[problem.MessageKey]);
            }
        }
        if (ModelState.Any(f => f.Key.StartsWith("HitInput.", StringComparison.Ordinal) && f.Value?.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid))
        {
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        var outcome = await hitOutcomes.RecordAsync(User, Id, hit, HitInput.ToOutcome(), ct);
        return outcome.Kind == OutcomeKind.Invalid
            ? await this.AnswerAsync(outcome, l, Page, async () => await LoadAsync(ct) ? Page() : NotFound())
            : await ShowAsync(outcome, ct);
    }

    /// <summary>The roll's identity, card and phone numbers of a matching case's person, shown on this answer only (audited).</summary>
    public async Task<IActionResult> OnPostHitNumbersAsync(CancellationToken ct)
    {
        var numbers = await hitNumbers.ShowAsync(User, Id, ct);
        if (numbers is null || !await LoadAsync(ct))
        {
            return NotFound();
        }
        MatchHits = MatchHits! with { Numbers = numbers };
        return Page();
    }

    public async Task<IActionResult> OnPostMessageAsync(CancellationToken ct) =>
        await ShowAsync(Refused("Input.Text") ? null : await actions.MessageAsync(User, Id, Input.Text, Input.SubmissionId, ct), ct);

    public async Task<IActionResult> OnPostNoteAsync(CancellationToken ct) =>
        await ShowAsync(Refused("Input.Note") ? null : await actions.NoteAsync(User, Id, Input.Note, Input.SubmissionId, ct), ct);

    /// <summary>The field's value could not be taken as typed (a control character, too long): its message is shown beside it.</summary>
    private bool Refused(string field) => ModelState.GetFieldValidationState(field) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;

    /// <summary>Done: back to the report with the confirmation. Refused: the page again, the message beside its field.</summary>
    private async Task<IActionResult> ShowAsync(Outcome? outcome, CancellationToken ct)
    {
        if (outcome is null)
        {
            return await AgainAsync(null, ct);
        }
        if (outcome is { Succeeded: true } && await access.FindAsync(User, Id, ct) is null)
        {
            // The step moved the report out of this person's reach (a transfer to another jurisdiction): the queue confirms it.
            TempData[nameof(IndexModel.BulkMessage)] = l[outcome.MessageKey!, outcome.Args ?? []].Value;
            return RedirectToPage("./Index");
        }
        // Only this handler's message is shown: the other forms' fields were not sent.
        ModelState.Clear();
        return await this.AnswerAsync(outcome, l, () =>
        {
            TempData["Notice"] = l[outcome.MessageKey!, outcome.Args ?? []].Value;
            return RedirectToPage(new { id = Id });
        }, () => AgainAsync(outcome, ct));
    }

    private async Task<IActionResult> AgainAsync(Outcome? outcome, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (outcome?.Kind == OutcomeKind.Stale)
        {
            Input.Version = Version;
        }
        return Page();
    }

    /// <summary>Who may take the report, with their load (only when assigning is allowed).</summary>
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    /// <summary>The reason of the pending extension request.</summary>
    public string? ExtensionReason { get; private set; }
    /// <summary>The fields of a refused action form, shown again in it.</summary>
    public IReadOnlyDictionary<string, string> Posted { get; private set; } = new Dictionary<string, string>();
    public ReportAction? PostedAction { get; private set; }

    /// <summary>
    /// The token of a message or note form: new for a fresh form, the posted one when the same form is shown again
    /// after a refusal (so fixing and posting it still saves once).
    /// </summary>
    public Guid NewSubmission(string field) =>
        Input.SubmissionId is { } posted && ModelState.GetFieldValidationState(field) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            ? posted : Guid.NewGuid();

    /// <summary>A template with the report's number, deadline and status, in the language the reporter filed in.</summary>
    private string Fill(MessageTemplate template) => LocalizationSetup.InCulture(Report.Culture, () =>
        template.Fill(Report.TrackingNumber,
            Report.CurrentDeadline is { } d ? l["Due.ByEndOf", display.LastDay(d.Due)].Value : "",
            l["Status." + Report.Status]));

    /// <summary>The formal notices issued on the report, oldest first.</summary>
    public IReadOnlyList<Core.Notices.FormalNotice> Notices { get; private set; } = [];
    public bool Provisional(DateTimeOffset due) => policy.IsProvisional(due, Report.RegimeCode);
    public DateTimeOffset AcceptanceNoticeDue => policy.AcceptanceNoticeDue(Report.TransferredAt ?? Report.SubmittedAt, Report.RegimeCode);
    /// <summary>The regime the report runs under, in the page's language.</summary>
    public string RegimeName { get; private set; } = "";

    /// <summary>Staff names by id, for the timeline ("who did each step").</summary>
    public IReadOnlyDictionary<Guid, string> Actors { get; private set; } = new Dictionary<Guid, string>();
    /// <summary>The assignee's name and unit, or null when nobody has the report.</summary>
    public string? Assignee { get; private set; }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var visible = await access.VisibleAsync(User, ct);
        if (!await visible.AnyAsync(r => r.Id == Id, ct))
        {
            return false;
        }
        db.ChangeTracker.Clear();
        Report = await db.Reports.Include(r => r.People).Include(r => r.Attachments.Where(a => a.DeletedAt == null))
            .Include(r => r.Events.OrderBy(e => e.At)).AsSplitQuery().SingleAsync(r => r.Id == Id, ct);
        Version = db.Entry(Report).Property<uint>(nameof(Version)).CurrentValue;
        var zh = System.Globalization.CultureInfo.CurrentUICulture.IsChinese();
        KindName = (await db.ReportKinds.SingleAsync(k => k.Code == Report.KindCode, ct)).Name(zh);
        RegimeName = policy.Regime(Report.RegimeCode).Name(zh);
        Notices = await db.FormalNotices.AsNoTracking().Where(n => n.ReportId == Id).OrderBy(n => n.IssuedAt).ToListAsync(ct);
        if (Report.RoutedByCampaignId is { } campaignId)
        {
            RoutedBy = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => new ValueTuple<string, int?>(c.Name, c.LessonThresholdPercent)).SingleOrDefaultAsync(ct);
        }
        PriorityItems = await db.PriorityItems.Where(p => p.ReportId == Id).OrderByDescending(p => p.Points).ToListAsync(ct);
        // Related reports are listed only when this person may see them too.
        var links = await db.ReportLinks.Where(k => k.ReportId == Id || k.RelatedReportId == Id).ToListAsync(ct);
        var otherIds = links.Select(k => k.ReportId == Id ? k.RelatedReportId : k.ReportId).Distinct().ToList();
        var numbers = await visible.Where(r => otherIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.TrackingNumber, ct);
        Related = links.Select(k => (k, k.ReportId == Id ? k.RelatedReportId : k.ReportId))
            .Where(x => numbers.ContainsKey(x.Item2)).Select(x => (x.k, numbers[x.Item2], x.Item2)).ToList();
        var actor = await access.ActorAsync(User, ct);
        Allowed = ReportPermissions.Allowed(Report, actor, policy, clock.GetUtcNow());
        CanMessage = ReportPermissions.CanMessageReporter(Report, actor);
        var requests = await db.IdentityDisclosures.Where(d => d.ReportId == Id).OrderBy(d => d.RequestedAt).ToListAsync(ct);
        var people = requests.Select(d => d.RequestedBy).Concat(requests.Select(d => d.DecidedBy).OfType<Guid>())
            .Concat(Report.Events.Select(e => e.ActorId).OfType<Guid>()).Append(Report.AssigneeId ?? Guid.Empty).Distinct().ToList();
        var staffNames = await db.Users.Where(u => people.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.Unit }).ToListAsync(ct);
        var names = staffNames.ToDictionary(u => u.Id, u => u.DisplayName ?? u.Email ?? "");
        Actors = names;
        if (Report.AssigneeId is { } assignee && staffNames.FirstOrDefault(u => u.Id == assignee) is { } who)
        {
            Assignee = string.IsNullOrEmpty(who.Unit) ? names[assignee] : $"{names[assignee]} · {who.Unit}";
        }
        Disclosures = requests.Select(d => (d, names.GetValueOrDefault(d.RequestedBy, "?"),
            d.DecidedBy is { } by ? names.GetValueOrDefault(by, "?") : null, d.CanDecide(actor))).ToList();
        CanRequestDisclosure = IdentityDisclosure.CanRequest(Report, actor, requests);
        if (CanMessage)
        {
            var culture = Report.Culture == "en" ? "en" : "zh-CN";
            Templates = await db.MessageTemplates.Where(t => t.Enabled && t.Culture == culture).OrderBy(t => t.Id).ToListAsync(ct);
        }
        if (Allowed.Contains(ReportAction.Assign))
        {
            Candidates = await staff.CandidatesAsync(Report, ct);
        }
        if (Report.Source == ReportSource.DataMatching)
        {
            var hits = await db.MatchHits.AsNoTracking().Where(h => h.ReportId == Id).OrderBy(h => h.Id).ToListAsync(ct);
            var deciders = hits.Select(h => h.DecidedById).OfType<Guid>().Where(g => !names.ContainsKey(g)).ToList();
            var allNames = new Dictionary<Guid, string>(names);
            foreach (var u in await db.Users.Where(u => deciders.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
            {
                allNames[u.Id] = u.DisplayName ?? u.Email ?? "";
            }
            var person = hits.Select(h => h.PersonNumber).FirstOrDefault();
            MatchHits = new(Id, hits, Core.Matching.HitOutcomeRules.MayRecord(Report, actor), _postedHit, HitInput, allNames)
            {
                LinkEvidence = await db.RegisterLinks.Where(k => k.PersonNumber == person && k.Confirmed != false
                        && (k.Band == Core.Matching.LinkBand.Link || k.Confirmed == true)).Select(k => k.Evidence).ToListAsync(ct),
            };
        }
        if (Report.RequestedExtensionDays is not null)
        {
            ExtensionReason = Report.Events.Where(e => e.Action == ReportAction.RequestExtension).OrderBy(e => e.At).LastOrDefault()?.Body;
        }
        if (HttpMethods.IsPost(Request.Method) && Request.HasFormContentType)
        {
            PostedAction = Enum.TryParse<ReportAction>(Request.Query["act"], out var acted) ? acted : null;
            Posted = Request.Form.Where(f => f.Key.StartsWith("Input.", StringComparison.Ordinal) && f.Key != "Input.Version")
                .ToDictionary(f => f.Key, f => f.Value.ToString());
        }
        if (!HttpMethods.IsPost(Request.Method))
        {
            // On a post the version stays the one the officer's page was built from.
            Input.Version = Version;
        }
        return true;
    }
}

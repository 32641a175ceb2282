using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// The petitions desk: a report received by letter, phone, visit, e-mail or from another agency, registered by an
/// officer. It is filed through the same use case as the online form (same triage, time limits, statistics), its clock
/// starting on the day it was received; the answer is a slip with the tracking number and key to hand over or read out.
/// </summary>
public sealed class IntakeModel(UseCases.Intake.FileReport filing, ReportKindCatalogue kindCatalogue,
    Services.UploadSession uploads, TimeLimitPolicy policy, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public IntakeInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public List<string> Pending { get; set; } = [];

    public IReadOnlyList<ReportKind> Kinds { get; private set; } = [];
    public IReadOnlyList<StoredFile> Accepted => uploads.Accepted;
    public IEnumerable<string> PendingTokens => uploads.Tokens;
    /// <summary>The slip, once registered: shown this once (the key is not stored in clear).</summary>
    public UseCases.Intake.Receipt? Slip { get; private set; }
    public ReportChannel? SlipChannel { get; private set; }

    public static readonly ReportChannel[] Channels = [ReportChannel.Letter, ReportChannel.Phone, ReportChannel.Visit, ReportChannel.Email, ReportChannel.OtherAgency];

    public async Task OnGetAsync(CancellationToken ct) => Kinds = await kindCatalogue.EnabledAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Kinds = await kindCatalogue.EnabledAsync(ct);
        await uploads.AcceptAsync(Pending, Files, ModelState, nameof(Files), ct);
        // The desk's own question: how the report came. Everything else is the intake use case's.
        if (Input.Channel is not { } channel || !Channels.Contains(channel))
        {
            ModelState.AddModelError("Input.Channel", l["Intake.ChannelRequired"]);
            channel = ReportChannel.Letter;
        }
        var today = policy.LocalDay(clock.GetUtcNow());
        // Received today: now. An earlier day: that day at 09:00 (the desk's opening), so its limits count from that day.
        var receivedAt = Input.ReceivedOn is not { } day || day == today ? clock.GetUtcNow() : policy.DayStartUtc(day).AddHours(9);
        var submission = new UseCases.Intake.Submission
        {
            From = new UseCases.Intake.IntakeSource(channel, ReportSource.Citizen, receivedAt, StaffAccess.UserId(User)),
            KindCode = Input.KindCode,
            Region = Input.Region,
            AmountYuan = Input.AmountYuan,
            CardsOrPeople = Input.CardsOrPeople,
            Description = Input.Description,
            People = [new UseCases.Intake.NamedInSubmission(Input.PersonName, Input.PersonUnit, Input.PersonPosition)],
            Reporter = Input.RealName ? new UseCases.Intake.ReporterSupplied(Input.ReporterName, Input.ReporterIdNumber, Input.ReporterPhone, Input.ReporterEmail) : null,
            Files = uploads.Accepted,
            Culture = Input.Language == "en" ? "en" : "zh-CN",
        };
        if (!ModelState.IsValid)
        {
            ModelState.AddIntakeErrors((await filing.CheckAsync(submission, ct)).Errors, l, FieldOf);
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
            ModelState.AddIntakeErrors(filed.Errors, l, FieldOf);
            return Page();
        }
        Slip = filed.Receipt;
        SlipChannel = channel;
        ModelState.Clear();
        return Page();
    }

    /// <summary>The desk form's field for a submission field: one person, named in three fields of its own.</summary>
    private static string FieldOf(string field) => field switch
    {
        "People[0].Name" => "Input.PersonName",
        "People[0].Unit" => "Input.PersonUnit",
        "People[0].Position" => "Input.PersonPosition",
        _ => "Input." + field,
    };

    /// <summary>The key in groups, for reading out on the phone.</summary>
    public static IReadOnlyList<string> Groups(string key) => key.Split('-', StringSplitOptions.RemoveEmptyEntries);


    public sealed class IntakeInput
    {
        [Display(Name = "Intake.Channel")]
        public ReportChannel? Channel { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Intake.ReceivedOn")]
        public DateOnly? ReceivedOn { get; set; }

        public bool RealName { get; set; }

        [Display(Name = "Report.Reporter.Name")]
        public string? ReporterName { get; set; }

        [Display(Name = "Report.Reporter.IdNumber")]
        public string? ReporterIdNumber { get; set; }

        [Display(Name = "Report.Reporter.Phone")]
        public string? ReporterPhone { get; set; }

        [Display(Name = "Intake.Email")]
        public string? ReporterEmail { get; set; }

        /// <summary>The language the reporter's notices and mails are in.</summary>
        public string Language { get; set; } = "zh-CN";

        [Display(Name = "Report.Kind")]
        public string? KindCode { get; set; }

        [Display(Name = "Campaign.Region")]
        public string? Region { get; set; }

        [Display(Name = "Clue.Amount")]
        public decimal? AmountYuan { get; set; }

        [Display(Name = "Shown.Cards")]
        public int? CardsOrPeople { get; set; }

        [Display(Name = "Intake.Description")]
        public string? Description { get; set; }

        [Display(Name = "Intake.PersonName")]
        public string? PersonName { get; set; }

        [Display(Name = "Intake.PersonUnit")]
        public string? PersonUnit { get; set; }

        [Display(Name = "Intake.PersonPosition")]
        public string? PersonPosition { get; set; }
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// The petitions desk: a report received by letter, phone, visit, e-mail or from another agency, registered by an
/// officer. It is filed through the same use case as the online form (same triage, time limits, statistics), its clock
/// starting on the day it was received; the answer is a slip with the tracking number and key to hand over or read out.
/// </summary>
public sealed class IntakeModel(AppDbContext db, Filing.FileReport filing, RegionCatalogue regions, ReportKindCatalogue kindCatalogue,
    Filing.UploadSession uploads, TimeLimitPolicy policy, TimeProvider clock, AuditLog audit, UseCases.Transaction transaction,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public IntakeInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public List<string> Pending { get; set; } = [];

    public IReadOnlyList<ReportKind> Kinds { get; private set; } = [];
    public IReadOnlyList<StoredFile> Accepted => uploads.Accepted;
    public IEnumerable<string> PendingTokens => uploads.Tokens;
    /// <summary>The slip, once registered: shown this once (the key is not stored in clear).</summary>
    public Filing.Receipt? Slip { get; private set; }
    public ReportChannel? SlipChannel { get; private set; }

    public static readonly ReportChannel[] Channels = [ReportChannel.Letter, ReportChannel.Phone, ReportChannel.Visit, ReportChannel.Email, ReportChannel.OtherAgency];

    public async Task OnGetAsync(CancellationToken ct) => Kinds = await kindCatalogue.EnabledAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Kinds = await kindCatalogue.EnabledAsync(ct);
        await uploads.AcceptAsync(Pending, Files, ModelState, nameof(Files), ct);
        var me = StaffAccess.UserId(User);
        var today = policy.LocalDay(clock.GetUtcNow());
        if (Input.Channel is not { } channel || !Channels.Contains(channel))
        {
            ModelState.AddModelError("Input.Channel", l["Intake.ChannelRequired"]);
            channel = ReportChannel.Letter;
        }
        if (Input.ReceivedOn is { } received && received > today)
        {
            ModelState.AddModelError("Input.ReceivedOn", l["Intake.ReceivedInFuture"]);
        }
        var region = regions.Resolve(Input.Region);
        if (!string.IsNullOrWhiteSpace(Input.Region) && region is null)
        {
            ModelState.AddModelError("Input.Region", l["Campaign.RegionUnknown"]);
        }
        if (Input.KindCode is null || Kinds.All(k => k.Code != Input.KindCode))
        {
            ModelState.AddModelError("Input.KindCode", l["Validation.Required"]);
        }
        if (Input.RealName)
        {
            if (string.IsNullOrWhiteSpace(Input.ReporterName))
            {
                ModelState.AddModelError("Input.ReporterName", l["Intake.NameRequired"]);
            }
            if (!string.IsNullOrWhiteSpace(Input.ReporterIdNumber) && ChineseIdNumber.Normalize(Input.ReporterIdNumber) is null)
            {
                ModelState.AddModelError("Input.ReporterIdNumber", l["Intake.IdNumberInvalid"]);
            }
            if (!string.IsNullOrWhiteSpace(Input.ReporterEmail) && !new EmailAddressAttribute().IsValid(Input.ReporterEmail.Trim()))
            {
                ModelState.AddModelError("Input.ReporterEmail", l["Intake.EmailInvalid"]);
            }
        }
        if (!ModelState.IsValid || region is null || Input.ReceivedOn is not { } day)
        {
            return Page();
        }
        // Received today: now. An earlier day: that day at 09:00 (the desk's opening), so its limits count from that day.
        var receivedAt = day == today ? clock.GetUtcNow()
            : policy.DayStartUtc(day).AddHours(9);
        var lineage = regions.Lineage(region);
        var input = new Filing.ReportInput
        {
            Anonymous = !Input.RealName,
            KindCode = Input.KindCode,
            ProvinceCode = lineage.First(r => r.Level == RegionLevel.Province).Code,
            CityCode = lineage.FirstOrDefault(r => r.Level == RegionLevel.City)?.Code,
            CountyCode = lineage.FirstOrDefault(r => r.Level == RegionLevel.County)?.Code,
            AmountYuan = Input.AmountYuan,
            CardsOrPeople = Input.CardsOrPeople,
            Description = Input.Description,
            ReporterName = Input.RealName ? Input.ReporterName : null,
            ReporterIdNumber = Input.RealName ? Input.ReporterIdNumber : null,
            ReporterPhone = Input.RealName ? Input.ReporterPhone : null,
            People = [new Filing.PersonInput { Name = Input.PersonName, Unit = Input.PersonUnit, Position = Input.PersonPosition }],
        };
        var culture = Input.Language == "en" ? "en" : "zh-CN";
        // The report and its audit entry commit together (the triage signal raised inside waits for the commit).
        await transaction.RunAsync(async token =>
        {
            Slip = await filing.FileAsync(input, null, uploads.Accepted, culture, token,
                new Filing.Intake(channel, receivedAt, Input.RealName, Input.RealName ? Input.ReporterEmail : null, me));
            var id = await db.Reports.Where(r => r.TrackingNumber == Slip.TrackingNumber).Select(r => r.Id).SingleAsync(token);
            await audit.AppendAsync(me, AuditAction.ReportAction, id, $"registered at the desk ({channel})", token);
            return UseCases.Outcome.Done("Intake.SlipTitle");
        }, ct);
        SlipChannel = channel;
        ModelState.Clear();
        return Page();
    }

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

        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Report.Reporter.Name")]
        public string? ReporterName { get; set; }

        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Report.Reporter.IdNumber")]
        public string? ReporterIdNumber { get; set; }

        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Report.Reporter.Phone")]
        public string? ReporterPhone { get; set; }

        [StringLength(254, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Intake.Email")]
        public string? ReporterEmail { get; set; }

        /// <summary>The language the reporter's notices and mails are in.</summary>
        public string Language { get; set; } = "zh-CN";

        [Display(Name = "Report.Kind")]
        public string? KindCode { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Campaign.Region")]
        public string? Region { get; set; }

        [Range(0, 100_000_000_000, ErrorMessage = "Review.MoneyNegative")]
        [Display(Name = "Clue.Amount")]
        public decimal? AmountYuan { get; set; }

        [Range(0, 10_000_000, ErrorMessage = "Review.MoneyNegative")]
        [Display(Name = "Shown.Cards")]
        public int? CardsOrPeople { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(10_000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Intake.Description")]
        public string? Description { get; set; }

        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Intake.PersonName")]
        public string? PersonName { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Intake.PersonUnit")]
        public string? PersonUnit { get; set; }

        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Intake.PersonPosition")]
        public string? PersonPosition { get; set; }
    }
}

using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Core.Tracking;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Jobs;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Report;

/// <summary>Filing a report. Works without JavaScript: region lists, extra people and the preview are form posts.</summary>
[EnableRateLimiting(CitizenSetup.SubmitPolicy)]
[RequestSizeLimit(230L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 230L * 1024 * 1024)]
public sealed class IndexModel(
    AppDbContext db, ReportKindCatalogue kinds, RegionCatalogue regions, UploadSession uploads, ProofOfWork pow, AccessKeyHasher hasher,
    TimeLimitPolicy policy, TimeProvider clock, IBackgroundJobClient jobs, UserManager<AppUser> users,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, IStringLocalizer<SharedResource> l) : PageModel
{
    private const int MaxPeople = 10;

    [BindProperty] public ReportInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public List<string> Pending { get; set; } = [];
    [BindProperty(Name = "altcha")] public string? Altcha { get; set; }
    /// <summary>Honeypot: hidden from people, filled in by bots.</summary>
    [BindProperty(Name = "website")] public string? Website { get; set; }

    public IReadOnlyList<ReportKind> Kinds { get; private set; } = [];
    public IReadOnlyList<Region> Cities { get; private set; } = [];
    public IReadOnlyList<Region> Counties { get; private set; } = [];
    public IReadOnlyList<Region> Provinces => regions.Provinces;

    /// <summary>The proof-of-work widget's words in the page's language (the widget ships English only).</summary>
    public string ProofOfWorkStrings => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["label"] = l["Pow.Label"], ["verifying"] = l["Pow.Verifying"], ["verified"] = l["Pow.Verified"],
        ["verify"] = l["Pow.Verify"], ["error"] = l["Pow.Error"], ["expired"] = l["Pow.Expired"],
        ["loading"] = l["Pow.Loading"], ["reload"] = l["Pow.Reload"], ["cancel"] = l["Pow.Cancel"],
        ["verificationRequired"] = l["Pow.Required"], ["waitAlert"] = l["Pow.Wait"], ["footer"] = "", ["ariaLinkLabel"] = "",
    });
    public IReadOnlyList<StoredFile> Accepted => uploads.Accepted;
    public IEnumerable<string> PendingTokens => uploads.Tokens;
    public string? PreviewHtml { get; private set; }
    public Receipt? Done { get; private set; }
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRegionAsync(CancellationToken ct) => await RedisplayAsync(ct);

    public async Task<IActionResult> OnPostAddPersonAsync(CancellationToken ct)
    {
        if (Input.People.Count < MaxPeople)
        {
            Input.People.Add(new PersonInput());
        }
        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        PreviewHtml = MarkdownRenderer.ToHtml(Input.Description);
        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await uploads.AcceptAsync(Pending, Files, ModelState, nameof(Files), ct);
        await ValidateAsync();
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var now = clock.GetUtcNow();
        var key = TrackingCodes.NewAccessKey();
        var report = new Core.Reports.Report
        {
            Id = Guid.CreateVersion7(now),
            TrackingNumber = TrackingCodes.NewTrackingNumber(),
            AccessKeyHash = hasher.Hash(key),
            IsAnonymous = Input.Anonymous,
            ReporterId = Input.Anonymous ? null : (await users.GetUserAsync(User))!.Id,
            KindCode = Input.KindCode!,
            RegionCode = (Input.CountyCode ?? Input.CityCode ?? Input.ProvinceCode)!,
            PeriodFrom = Input.PeriodFrom,
            PeriodTo = Input.PeriodTo,
            AmountYuan = Input.AmountYuan,
            CardsOrPeople = Input.CardsOrPeople,
            Description = Input.Description!.Trim(),
            ContactProtected = string.IsNullOrWhiteSpace(Input.Contact) ? null
                : Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(
                    protection.CreateProtector(ContactProtection.Purpose), Input.Contact.Trim()),
            Culture = System.Globalization.CultureInfo.CurrentUICulture.IsChinese() ? "zh-CN" : "en",
            People = Input.People.Where(p => !p.IsEmpty).Take(MaxPeople)
                .Select(p => new NamedPerson { Name = p.Name?.Trim(), Unit = p.Unit?.Trim(), Position = p.Position?.Trim() }).ToList(),
            Attachments = uploads.Accepted.Select(f => new Attachment
            {
                Id = Guid.NewGuid(), DisplayName = f.DisplayName, ContentType = f.ContentType, Length = f.Length, StorageKey = f.StorageKey, AddedAt = now,
            }).ToList(),
        };
        report.MarkSubmitted(now, policy);
        db.Reports.Add(report);
        // One transaction stores the report, its people and its first event: the rows go in one batch, which
        // PostgreSQL runs as one implicit transaction (all or nothing) in a single round trip, instead of
        // BEGIN … COMMIT in two. Triage is owed until TriagedAt is set, and the outbox sweep re-enqueues any
        // report whose job was lost between this commit and the enqueue below.
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
        }
        await TriageSignal.RaiseAsync(db, jobs, ct);
        Done = new Receipt(report.TrackingNumber, key, report.AcceptanceDueAt!.Value, report.IsAnonymous);
        return Page();
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        await uploads.AcceptAsync(Pending, Files, ModelState, nameof(Files), ct);
        // Nothing is checked yet: the reporter is still writing.
        foreach (var entry in ModelState.Where(e => e.Key != nameof(Files)).ToList())
        {
            ModelState.Remove(entry.Key);
        }
        await LoadAsync();
        return Page();
    }

    private async Task ValidateAsync()
    {
        if (!string.IsNullOrEmpty(Website))
        {
            ModelState.AddModelError(string.Empty, l["Report.Rejected"]);
        }
        if (!Input.Anonymous && !SignedIn)
        {
            ModelState.AddModelError("Input.Anonymous", l["Report.RealNameNeedsSignIn"]);
        }
        if (Input.Anonymous && !pow.Verify(Altcha))
        {
            ModelState.AddModelError("altcha", l["Report.ProofOfWork"]);
        }
        if (Input.KindCode is not null && !await kinds.IsEnabledAsync(Input.KindCode))
        {
            ModelState.AddModelError("Input.KindCode", l["Validation.Invalid"]);
        }
        ValidateRegion();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), policy.TimeZone).DateTime);
        if (Input.PeriodFrom > today)
        {
            ModelState.AddModelError("Input.PeriodFrom", l["Report.Period.Future"]);
        }
        if (Input.PeriodTo > today)
        {
            ModelState.AddModelError("Input.PeriodTo", l["Report.Period.Future"]);
        }
        if (Input.PeriodFrom is { } from && Input.PeriodTo is { } to && to < from)
        {
            ModelState.AddModelError("Input.PeriodTo", l["Report.Period.Order"]);
        }
        if (Input.People.Count > MaxPeople)
        {
            ModelState.AddModelError("Input.People", l["Report.People.TooMany", MaxPeople]);
        }
        CheckText("Input.Description", Input.Description);
        CheckText("Input.Contact", Input.Contact);
        for (var i = 0; i < Input.People.Count; i++)
        {
            CheckText($"Input.People[{i}].Name", Input.People[i].Name);
            CheckText($"Input.People[{i}].Unit", Input.People[i].Unit);
            CheckText($"Input.People[{i}].Position", Input.People[i].Position);
        }
    }

    private void ValidateRegion()
    {
        var province = regions.Find(Input.ProvinceCode);
        if (Input.ProvinceCode is not null && province is not { Level: RegionLevel.Province })
        {
            ModelState.AddModelError("Input.ProvinceCode", l["Report.Region.Unknown"]);
            return;
        }
        if (Input.CityCode is not null && regions.Find(Input.CityCode)?.ParentCode != Input.ProvinceCode)
        {
            ModelState.AddModelError("Input.CityCode", l["Report.Region.Unknown"]);
            return;
        }
        if (Input.CountyCode is not null && (Input.CityCode is null || regions.Find(Input.CountyCode)?.ParentCode != Input.CityCode))
        {
            ModelState.AddModelError("Input.CountyCode", l["Report.Region.Unknown"]);
        }
    }

    /// <summary>Invalid UTF-8 arrives as U+FFFD; lone surrogates cannot be stored. Either is refused, kindly.</summary>
    private void CheckText(string field, string? value)
    {
        if (value is not null && (value.Contains('\uFFFD', StringComparison.Ordinal) || HasLoneSurrogate(value) || value.Contains('\0', StringComparison.Ordinal)))
        {
            ModelState.AddModelError(field, l["Validation.InvalidText"]);
        }
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }
        return false;
    }

    private async Task LoadAsync()
    {
        Kinds = await kinds.EnabledAsync();
        Cities = regions.ChildrenOf(Input.ProvinceCode);
        if (Cities.All(c => c.Code != Input.CityCode))
        {
            Input.CityCode = null;
        }
        Counties = regions.ChildrenOf(Input.CityCode);
        if (Counties.All(c => c.Code != Input.CountyCode))
        {
            Input.CountyCode = null;
        }
        while (Input.People.Count < 2)
        {
            Input.People.Add(new PersonInput());
        }
    }

    public sealed record Receipt(string TrackingNumber, string AccessKey, DateTimeOffset AcceptanceDue, bool Anonymous);
}

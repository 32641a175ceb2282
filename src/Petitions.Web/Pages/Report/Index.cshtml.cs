using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Filing;

/// <summary>Filing a report. Works without JavaScript: region lists, extra people and the preview are form posts.</summary>
public sealed class IndexModel(
    UseCases.Intake.FileReport filing, RateGate gate, ReportKindCatalogue kinds, RegionCatalogue regions, UploadSession uploads, ProofOfWork pow,
    TimeLimitPolicy policy, UserManager<AppUser> users, IStringLocalizer<SharedResource> l,
    Microsoft.Extensions.Options.IOptions<PetitionsOptions> options) : PageModel
{
    private const int MaxPeople = UseCases.Intake.FileReport.MaxPeople;

    [BindProperty] public ReportInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public List<string> Pending { get; set; } = [];
    [BindProperty(Name = "altcha")] public string? Altcha { get; set; }
    /// <summary>The form token that stands in for the proof of work without script (valid after a stated wait).</summary>
    [BindProperty(Name = "wait")] public string? Wait { get; set; }
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
    public UseCases.Intake.Receipt? Done { get; private set; }
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>The wait token this form carries and the local time (HH:mm:ss) from which it lets the form be sent.</summary>
    public string WaitToken { get; private set; } = "";
    public string WaitReadyTime { get; private set; } = "";
    public int NoScriptWaitSeconds => options.Value.NoScriptWaitSeconds;

    /// <summary>A proof of work solved for this form and not yet spent, carried to the next post instead of solved again.</summary>
    public string? SolvedProofOfWork { get; private set; }

    public async Task OnGetAsync()
    {
        // Someone signed in came to report under their name; anonymity stays one click away.
        Input.Anonymous = !SignedIn;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostRegionAsync(CancellationToken ct) =>
        gate.TryPass(RatePurpose.Navigation, HttpContext) ? await RedisplayAsync(ct) : await TooManyAsync(ct);

    public async Task<IActionResult> OnPostAddPersonAsync(CancellationToken ct)
    {
        if (!gate.TryPass(RatePurpose.Navigation, HttpContext))
        {
            return await TooManyAsync(ct);
        }
        if (Input.People.Count < MaxPeople)
        {
            Input.People.Add(new PersonInput());
        }
        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!gate.TryPass(RatePurpose.Navigation, HttpContext))
        {
            return await TooManyAsync(ct);
        }
        PreviewHtml = MarkdownRenderer.ToHtml(Input.Description);
        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!gate.TryPass(RatePurpose.Filing, HttpContext))
        {
            return await TooManyAsync(ct);
        }
        await uploads.AcceptAsync(Pending, Files, ModelState, nameof(Files), ct);
        await ValidateAsync(ct);
        // Spent only when the report is stored: a form refused for another reason keeps its solved proof of work. A
        // report sent without script, on the waited token, has its own tighter budget per address.
        if (ModelState.IsValid && Input.Anonymous && pow.Check(Altcha, Wait) == ProofOfWork.AnonymousProof.Waited
            && !gate.TryPass(RatePurpose.FilingWithoutScript, HttpContext))
        {
            return await TooManyAsync(ct);
        }
        if (ModelState.IsValid && Input.Anonymous && !pow.Spend(Altcha, Wait))
        {
            ModelState.AddModelError("altcha", ProofMessage());
        }
        if (ModelState.IsValid)
        {
            // The one expensive step for files (removing their metadata), done once, after the proof of work was spent.
            await uploads.CleanAsync(ModelState, nameof(Files), ct);
        }
        if (ModelState.IsValid)
        {
            var filed = await filing.FileAsync(await SubmissionAsync(), ct);
            ModelState.AddIntakeErrors(filed.Errors, l, FieldOf);
            Done = filed.Receipt;
        }
        if (Done is null)
        {
            SolvedProofOfWork = Input.Anonymous && pow.IsSolved(Altcha) ? Altcha : null;
            await LoadAsync();
        }
        return Page();
    }

    /// <summary>What the form supplies to the intake use case: online, the region chosen down to its lowest level.</summary>
    private async Task<UseCases.Intake.Submission> SubmissionAsync()
    {
        var account = !Input.Anonymous && await users.GetUserAsync(User) is { } user ? (user.Id, user.Email) : ((Guid, string?)?)null;
        return new UseCases.Intake.Submission
        {
            From = UseCases.Intake.IntakeSource.Online,
            KindCode = Input.KindCode,
            Region = Input.CountyCode ?? Input.CityCode ?? Input.ProvinceCode,
            PeriodFrom = Input.PeriodFrom,
            PeriodTo = Input.PeriodTo,
            AmountYuan = Input.AmountYuan,
            CardsOrPeople = Input.CardsOrPeople,
            Description = Input.Description,
            People = [.. Input.People.Select(p => new UseCases.Intake.NamedInSubmission(p.Name, p.Unit, p.Position))],
            Reporter = Input.Anonymous ? null : new UseCases.Intake.ReporterSupplied(Input.ReporterName, Input.ReporterIdNumber, Input.ReporterPhone, null),
            Account = account,
            Files = uploads.Accepted,
            Culture = System.Globalization.CultureInfo.CurrentUICulture.IsChinese() ? "zh-CN" : "en",
        };
    }

    /// <summary>The form's field for a submission field: the region is the province list (the first to choose).</summary>
    private static string FieldOf(string field) => field == nameof(UseCases.Intake.Submission.Region) ? "Input.ProvinceCode" : "Input." + field;

    /// <summary>Over the limit: the form again, everything typed and every file already accepted kept, with a message.</summary>
    private async Task<IActionResult> TooManyAsync(CancellationToken ct)
    {
        await uploads.AcceptAsync(Pending, [], ModelState, nameof(Files), ct);
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, l["RateLimit.KeepTyped"]);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await LoadAsync();
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

    /// <summary>
    /// The form's own checks (the honeypot, real name needs an account, an anonymous form carries no identity, the
    /// proof of work, the region lists), then the rules every report follows, from the intake use case.
    /// </summary>
    private async Task ValidateAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Website))
        {
            ModelState.AddModelError(string.Empty, l["Report.Rejected"]);
        }
        if (!Input.Anonymous && !SignedIn)
        {
            ModelState.AddModelError("Input.Anonymous", l["Report.RealNameNeedsSignIn"]);
        }
        if (Input.Anonymous && Input.HasIdentity)
        {
            ModelState.AddModelError("Input.ReporterName", l["Report.Reporter.AnonymousHasIdentity"]);
        }
        if (Input.Anonymous && pow.Check(Altcha, Wait) is not (ProofOfWork.AnonymousProof.Solved or ProofOfWork.AnonymousProof.Waited))
        {
            ModelState.AddModelError("altcha", ProofMessage());
        }
        ValidateRegion();
        var (errors, _) = await filing.CheckAsync(await SubmissionAsync(), ct);
        ModelState.AddIntakeErrors(errors, l, FieldOf);
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

    /// <summary>Why an anonymous form cannot be sent yet, with the time from which it can be sent without script.</summary>
    private string ProofMessage()
    {
        KeepWaitToken();
        return l["Report.ProofOfWork", WaitReadyTime];
    }

    /// <summary>Keeps the form's wait token while it is valid (so the wait is not started again), or issues one.</summary>
    private void KeepWaitToken()
    {
        Wait = WaitToken = pow.WaitTokenReadyAt(Wait) is not null ? Wait! : pow.IssueWaitToken();
        WaitReadyTime = pow.WaitTokenReadyAt(WaitToken) is { } ready
            ? policy.ToLocal(ready).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "";
    }

    private async Task LoadAsync()
    {
        KeepWaitToken();
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
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Campaigns;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Oversight.Campaigns;

/// <summary>
/// The campaigns and a new one: fill in, preview (the count and the first ten reports, everything typed kept), then
/// launch, which stores the campaign and hands the selection and assignment to a background job.
/// </summary>
public sealed class IndexModel(AppDbContext db, UseCases.Reexamination.Campaigns campaigns, RegionCatalogue regions, Services.Jurisdictions jurisdictions, Services.StaffQueries staff,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public CampaignInput Input { get; set; } = new();

    public sealed record Row(Campaign Campaign, int Items, int Reviewed, int Overturned);
    public IReadOnlyList<Row> Campaigns { get; private set; } = [];
    public IReadOnlyList<ReportKind> Kinds { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name, string? Unit)> Staff { get; private set; } = [];
    public (int Count, IReadOnlyList<UseCases.Reexamination.Campaigns.PreviewRow> Sample)? Preview { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Validate() is { } campaign)
        {
            Preview = await campaigns.PreviewAsync(campaign, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostLaunchAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Validate() is not { } campaign)
        {
            return Page();
        }
        if (Input.Reviewers.Count == 0)
        {
            ModelState.AddModelError("Input.Reviewers", l["Campaign.ReviewersRequired"]);
            return Page();
        }
        await campaigns.StartAsync(campaign, StaffAccess.UserId(User), Input.Reviewers, Staff.Select(s => s.Id).ToHashSet(), ct);
        return RedirectToPage("Campaign", new { id = campaign.Id });
    }

    /// <summary>The campaign the form describes, or null with a message beside each wrong field.</summary>
    private Campaign? Validate()
    {
        var region = regions.Resolve(Input.Region);
        if (region is null && !string.IsNullOrWhiteSpace(Input.Region))
        {
            ModelState.AddModelError("Input.Region", l["Campaign.RegionUnknown"]);
        }
        else if (region is not null && !Covers(region))
        {
            // Only within one's own jurisdictions: even the preview's count is not shown for a region outside them.
            ModelState.AddModelError("Input.Region", l["Campaign.RegionOutside"]);
            region = null;
        }
        if (Input.ReceivedFrom is { } f && Input.ReceivedTo is { } t && f > t)
        {
            ModelState.AddModelError("Input.ReceivedTo", l["Campaign.ToBeforeFrom"]);
        }
        if (Input.Outcomes.Count == 0)
        {
            ModelState.AddModelError("Input.Outcomes", l["Campaign.OutcomesRequired"]);
        }
        var known = Kinds.Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        if (!ModelState.IsValid || region is null)
        {
            return null;
        }
        return new Campaign
        {
            Id = Guid.CreateVersion7(),
            Name = Input.Name!.Trim(),
            LegalBasis = Input.LegalBasis!.Trim(),
            LeadBody = Input.LeadBody!.Trim(),
            Deadline = Input.Deadline!.Value,
            RegionCode = region,
            Kinds = Input.Kinds.Where(known.Contains).Distinct().ToList(),
            ReceivedFrom = Input.ReceivedFrom,
            ReceivedTo = Input.ReceivedTo,
            Outcomes = Input.Outcomes.Aggregate(EarlierOutcome.None, (all, o) => all | o),
            Sources = Input.Sources.Distinct().Select(s => s.ToString()).ToList(),
        };
    }


    private Reach _reach = Reach.None;

    private bool Covers(string region) => _reach.Covers(region);

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = StaffAccess.UserId(User);
        _reach = await jurisdictions.OfAsync(me, ct);
        // A campaign is listed to whoever launched it and to readers whose jurisdictions cover its region.
        var list = (await db.Campaigns.AsNoTracking().OrderByDescending(c => c.CreatedAt).ToListAsync(ct))
            .Where(c => c.CreatedById == me || Covers(c.RegionCode)).ToList();
        var ids = list.Select(c => c.Id).ToList();
        var counts = await Statistics.CampaignTallies.SumsAsync(db, ids, ct);
        Campaigns = list.Select(c => counts.TryGetValue(c.Id, out var n) ? new Row(c, (int)n.Items, (int)n.Reviewed, (int)n.Overturned) : new Row(c, 0, 0, 0)).ToList();
        Kinds = await db.ReportKinds.AsNoTracking().OrderBy(k => k.SortOrder).ToListAsync(ct);
        // Reviewers are offered only from inside the reader's own jurisdictions: a Guangdong supervisor never sees
        // (nor picks) Hunan's staff.
        var working = await staff.InRoles([Roles.Officer, Roles.Supervisor]).Where(u => u.LockoutEnd == null)
            .OrderBy(u => u.Unit).ThenBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.Unit, u.Email }).ToListAsync(ct);
        var workingIds = working.Select(u => u.Id).ToList();
        var theirs = await jurisdictions.OfAsync(workingIds, ct);
        Staff = working.Where(u => theirs[u.Id].Codes.Any(Covers)).Select(u => (u.Id, u.DisplayName ?? u.Email ?? "", u.Unit)).ToList();
    }

    public sealed class CampaignInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Campaign.Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Campaign.LegalBasis")]
        public string? LegalBasis { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Campaign.LeadBody")]
        public string? LeadBody { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Campaign.Deadline")]
        public DateOnly? Deadline { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Campaign.Region")]
        public string? Region { get; set; }

        [Display(Name = "Campaign.Kinds")]
        public List<string> Kinds { get; set; } = [];

        [Display(Name = "Campaign.ReceivedFrom")]
        public DateOnly? ReceivedFrom { get; set; }

        [Display(Name = "Campaign.ReceivedTo")]
        public DateOnly? ReceivedTo { get; set; }

        [Display(Name = "Campaign.Outcomes")]
        public List<EarlierOutcome> Outcomes { get; set; } = [EarlierOutcome.NotAccepted, EarlierOutcome.Unfounded, EarlierOutcome.CannotBeVerified];

        [Display(Name = "Campaign.Reviewers")]
        public List<Guid> Reviewers { get; set; } = [];

        [Display(Name = "Campaign.Sources")]
        public List<ReportSource> Sources { get; set; } = [];
    }
}

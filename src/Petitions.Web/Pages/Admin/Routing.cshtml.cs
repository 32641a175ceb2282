using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.UseCases.Rules;

namespace Petitions.Web.Pages.Admin;

/// <summary>Routing rules: list, add, edit, enable and disable (never delete: reports keep their history).</summary>
public sealed class RoutingModel(AppDbContext db, RuleEditing editing, RegionCatalogue regions, Services.Display display, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public RuleInput Input { get; set; } = new();

    public IReadOnlyList<RoutingRule> Rules { get; private set; } = [];
    public IReadOnlyList<ReportKind> Kinds { get; private set; } = [];
    public string? Notice { get; private set; }

    public string RegionName(string? code) => code is null ? l["Admin.Routing.Everywhere"] : $"{display.RegionPath(code)} ({code})";

    public async Task<IActionResult> OnGetAsync(int? id, string? notice, CancellationToken ct)
    {
        if (id is { } ruleId)
        {
            if (await db.RoutingRules.FindAsync([ruleId], ct) is not { } rule)
            {
                return NotFound();
            }
            Input = new RuleInput
            {
                Id = rule.Id, Name = rule.Name, NameEn = rule.NameEn, ScopeRegionCode = rule.ScopeRegionCode, KindCode = rule.KindCode,
                Target = rule.Target, TargetRegionCode = rule.TargetRegionCode, Enabled = rule.Enabled,
            };
        }
        Notice = notice;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        Input.ScopeRegionCode = Blank(Input.ScopeRegionCode);
        Input.KindCode = Blank(Input.KindCode);
        Input.TargetRegionCode = Blank(Input.TargetRegionCode);
        if (Input.ScopeRegionCode is not null && regions.Find(Input.ScopeRegionCode) is null)
        {
            ModelState.AddModelError("Input.ScopeRegionCode", l["Report.Region.Unknown"]);
        }
        if (Input.KindCode is not null && !await db.ReportKinds.AnyAsync(k => k.Code == Input.KindCode, ct))
        {
            ModelState.AddModelError("Input.KindCode", l["Validation.Invalid"]);
        }
        if (Input.Target == RoutingTarget.Fixed && regions.Find(Input.TargetRegionCode) is null)
        {
            ModelState.AddModelError("Input.TargetRegionCode", l["Admin.Routing.TargetNeeded"]);
        }
        if (Input.Target != RoutingTarget.Fixed)
        {
            Input.TargetRegionCode = null;
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await editing.SaveAsync(Services.StaffAccess.UserId(User), Input.Id, () => new RoutingRule { Name = "" }, rule =>
        {
            rule.Name = Input.Name.Trim();
            rule.NameEn = string.IsNullOrWhiteSpace(Input.NameEn) ? null : Input.NameEn.Trim();
            rule.ScopeRegionCode = Input.ScopeRegionCode;
            rule.KindCode = Input.KindCode;
            rule.Target = Input.Target;
            rule.TargetRegionCode = Input.TargetRegionCode;
            rule.Enabled = Input.Enabled;
        }, ct);
        return this.Saved(outcome);
    }

    public async Task<IActionResult> OnPostToggleAsync(int id, CancellationToken ct) =>
        this.Saved(await editing.ToggleAsync<RoutingRule>(Services.StaffAccess.UserId(User), id, ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        Rules = await db.RoutingRules.OrderBy(r => r.Id).ToListAsync(ct);
        Kinds = await db.ReportKinds.OrderBy(k => k.SortOrder).ToListAsync(ct);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public sealed class RuleInput
    {
        public int? Id { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Rule.Name")]
        public string Name { get; set; } = "";

        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Rule.NameEn")]
        public string? NameEn { get; set; }

        [StringLength(6, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Routing.Scope")]
        public string? ScopeRegionCode { get; set; }

        [StringLength(40, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Report.Kind")]
        public string? KindCode { get; set; }

        [Display(Name = "Admin.Routing.Target")]
        public RoutingTarget Target { get; set; }

        [StringLength(6, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Routing.TargetRegion")]
        public string? TargetRegionCode { get; set; }

        [Display(Name = "Admin.Rule.Enabled")]
        public bool Enabled { get; set; } = true;
    }
}

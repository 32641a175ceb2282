using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.UseCases.Rules;

namespace Petitions.Web.Pages.Admin;

/// <summary>Priority rules: transparent points per condition; list, add, edit, enable and disable.</summary>
public sealed class PriorityModel(AppDbContext db, RuleEditing editing, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public RuleInput Input { get; set; } = new();

    public IReadOnlyList<PriorityRule> Rules { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, string? notice, CancellationToken ct)
    {
        if (id is { } ruleId)
        {
            if (await db.PriorityRules.FindAsync([ruleId], ct) is not { } rule)
            {
                return NotFound();
            }
            Input = new RuleInput { Id = rule.Id, Name = rule.Name, NameEn = rule.NameEn, Condition = rule.Condition, Parameter = rule.Parameter, Points = rule.Points, Enabled = rule.Enabled };
        }
        Notice = notice;
        Rules = await db.PriorityRules.OrderBy(r => r.Id).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        Input.Parameter = string.IsNullOrWhiteSpace(Input.Parameter) ? null : Input.Parameter.Trim();
        if (!PriorityScorer.IsValidParameter(Input.Condition, Input.Parameter))
        {
            ModelState.AddModelError("Input.Parameter", l["Admin.Priority.BadParameter"]);
        }
        if (!ModelState.IsValid)
        {
            Rules = await db.PriorityRules.OrderBy(r => r.Id).ToListAsync(ct);
            return Page();
        }
        var outcome = await editing.SaveAsync(Services.StaffAccess.UserId(User), Input.Id, () => new PriorityRule { Name = "" }, rule =>
        {
            rule.Name = Input.Name.Trim();
            rule.NameEn = string.IsNullOrWhiteSpace(Input.NameEn) ? null : Input.NameEn.Trim();
            rule.Condition = Input.Condition;
            rule.Parameter = Input.Parameter;
            rule.Points = Input.Points;
            rule.Enabled = Input.Enabled;
        }, ct);
        return this.Saved(outcome);
    }

    public async Task<IActionResult> OnPostToggleAsync(int id, CancellationToken ct) =>
        this.Saved(await editing.ToggleAsync<PriorityRule>(Services.StaffAccess.UserId(User), id, ct));

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

        [Display(Name = "Admin.Priority.Condition")]
        public PriorityCondition Condition { get; set; }

        [StringLength(1000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Priority.Parameter")]
        public string? Parameter { get; set; }

        [Range(-100, 100, ErrorMessage = "Admin.Priority.PointsRange")]
        [Display(Name = "Admin.Priority.Points")]
        public int Points { get; set; } = 10;

        [Display(Name = "Admin.Rule.Enabled")]
        public bool Enabled { get; set; } = true;
    }
}

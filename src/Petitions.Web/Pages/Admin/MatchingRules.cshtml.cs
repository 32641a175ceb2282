using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Admin;

/// <summary>
/// The data-matching rules' thresholds and whether each runs. Administrators set them (no register is shown here:
/// whoever manages accounts does not read registers); each save is audited; the next run uses it.
/// </summary>
public sealed class MatchingRulesModel(AppDbContext db, UseCases.Rules.MatchingRuleEditing editing,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public RuleInput Input { get; set; } = new();

    public IReadOnlyList<MatchingRuleSetting> Settings { get; private set; } = [];
    public string? Notice { get; private set; }
    /// <summary>The rule whose form was posted and refused (its typed values are shown again).</summary>
    public string? Refused { get; private set; }

    public async Task OnGetAsync(string? notice, CancellationToken ct)
    {
        Notice = notice is "Admin.MatchingRules.Saved" ? notice : null;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (RiskRules.Find(Input.Code ?? "") is not { } rule)
        {
            return NotFound();
        }
        // Letters typed, a number out of range or nothing: one message beside the field that says what is taken.
        var unreadable = ModelState["Input.Threshold"]?.Errors.Count > 0;
        if (unreadable || RiskRules.Check(rule.Code, Input.Threshold) is not null)
        {
            string? typed = Request.Form["Input.Threshold"];
            ModelState.Remove("Input.Threshold");
            ModelState.SetModelValue("Input.Threshold", typed, typed);
            ModelState.AddModelError("Input.Threshold", l["Admin.MatchingRules.Range", rule.Min, rule.Max]);
        }
        if (!ModelState.IsValid)
        {
            Refused = Input.Code;
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await editing.SaveAsync(StaffAccess.UserId(User), Input.Code!, Input.Threshold!.Value, Input.Enabled, ct);
        return this.Saved(outcome, "Admin.MatchingRules.Saved");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var stored = await db.MatchingRules.AsNoTracking().ToDictionaryAsync(r => r.Code, ct);
        Settings = [.. RiskRules.All.Select(r => stored.GetValueOrDefault(r.Code) ?? new MatchingRuleSetting { Code = r.Code, Threshold = r.DefaultThreshold })];
    }

    public sealed class RuleInput
    {
        public string? Code { get; set; }
        public int? Threshold { get; set; }
        public bool Enabled { get; set; }
    }
}

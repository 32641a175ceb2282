using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Regions;
using Petitions.Core.Rewards;
using Petitions.Data;
using Petitions.Web.Services;
using Petitions.Web.UseCases.Rules;

namespace Petitions.Web.Pages.Admin;

/// <summary>
/// The provinces' reward rules: each province's bands, bounds, fixed amount without loss, notice and claim periods and
/// the document they come from; a new version from its day of entry into force. Each save is audited.
/// </summary>
public sealed class RewardRulesModel(AppDbContext db, RewardRuleEditing editing, RegionCatalogue regions, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public RuleInput Input { get; set; } = new();
    public IReadOnlyList<RewardRule> Rules { get; private set; } = [];
    public IReadOnlyList<Region> Provinces { get; private set; } = [];
    public string? Notice { get; private set; }
    /// <summary>True while a rule is being edited or added (the form is shown).</summary>
    public bool Editing { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, bool add, string? notice, CancellationToken ct)
    {
        Notice = notice is "Admin.RewardRules.Saved" ? notice : null;
        await LoadAsync(ct);
        if (id is { } which)
        {
            if (Rules.FirstOrDefault(r => r.Id == which) is not { } rule)
            {
                return NotFound();
            }
            Input = RuleInput.From(rule);
            Editing = true;
        }
        Editing |= add;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        static decimal? Money(string? s) => string.IsNullOrWhiteSpace(s) ? null
            : decimal.TryParse(s.Replace(",", "", StringComparison.Ordinal).Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : -1;
        var bands = RewardRuleText.Parse(Input.Bands);
        if (bands is null)
        {
            ModelState.AddModelError("Input.Bands", l["Admin.RewardRules.BandsInvalid"]);
        }
        if (regions.Find(Input.ProvinceCode) is not { Level: RegionLevel.Province })
        {
            ModelState.AddModelError("Input.ProvinceCode", l["Report.Region.Unknown"]);
        }
        if (!DateOnly.TryParse(Input.InForceFrom, CultureInfo.InvariantCulture, out var from))
        {
            ModelState.AddModelError("Input.InForceFrom", l["Admin.RewardRules.Date"]);
        }
        var (minimum, maximum, noLossMin, noLossMax) = (Money(Input.Minimum) ?? 0, Money(Input.Maximum) ?? -1, Money(Input.NoLossMinimum), Money(Input.NoLossMaximum));
        foreach (var (field, key) in RewardRuleText.Check(minimum, maximum, noLossMin, noLossMax, Input.NoticeWorkingDays, Input.ClaimWorkingDays))
        {
            ModelState.AddModelError("Input." + field, l[key]);
        }
        Editing = true;
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await editing.SaveAsync(StaffAccess.UserId(User), new RewardRuleChange(Input.Id, Input.ProvinceCode!, from, Input.Citation!.Trim(),
            Input.Confirmed, bands!, minimum, maximum, noLossMin, noLossMax, Input.NoticeWorkingDays, Input.ClaimWorkingDays), ct);
        return await this.AnswerAsync(outcome, l, () => RedirectToPage(new { notice = outcome.MessageKey }), async () =>
        {
            await LoadAsync(ct);
            return Page();
        });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rules = await db.RewardRules.AsNoTracking().OrderBy(r => r.ProvinceCode).ThenBy(r => r.InForceFrom).ToListAsync(ct);
        Provinces = regions.Provinces;
    }

    public sealed class RuleInput
    {
        public int? Id { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.RewardRules.Province")] public string? ProvinceCode { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.RewardRules.InForceFrom")] public string? InForceFrom { get; set; }
        [Required(ErrorMessage = "Validation.Required"), StringLength(2_000, ErrorMessage = "Validation.TooLong"), Display(Name = "Admin.RewardRules.Citation")]
        public string? Citation { get; set; }
        [Display(Name = "Admin.RewardRules.Confirmed")] public bool Confirmed { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.RewardRules.Bands")] public string? Bands { get; set; }
        [Display(Name = "Admin.RewardRules.Minimum")] public string? Minimum { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.RewardRules.Maximum")] public string? Maximum { get; set; }
        [Display(Name = "Admin.RewardRules.NoLossMinimum")] public string? NoLossMinimum { get; set; }
        [Display(Name = "Admin.RewardRules.NoLossMaximum")] public string? NoLossMaximum { get; set; }
        [Display(Name = "Admin.RewardRules.NoticeWorkingDays")] public int NoticeWorkingDays { get; set; } = 10;
        [Display(Name = "Admin.RewardRules.ClaimWorkingDays")] public int ClaimWorkingDays { get; set; } = 30;

        public static RuleInput From(RewardRule r)
        {
            static string? Money(decimal? m) => m?.ToString("0.##", CultureInfo.InvariantCulture);
            return new()
            {
                Id = r.Id, ProvinceCode = r.ProvinceCode, InForceFrom = r.InForceFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Citation = r.Citation,
                Confirmed = r.Confirmed, Bands = RewardRuleText.Format(r.Bands), Minimum = Money(r.Minimum), Maximum = Money(r.Maximum),
                NoLossMinimum = Money(r.NoLossMinimum), NoLossMaximum = Money(r.NoLossMaximum), NoticeWorkingDays = r.NoticeWorkingDays, ClaimWorkingDays = r.ClaimWorkingDays,
            };
        }
    }
}

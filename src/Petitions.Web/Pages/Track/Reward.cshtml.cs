using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Core.Rewards;
using Petitions.Web.Services;
using Petitions.Web.UseCases.Rewards;

namespace Petitions.Web.Pages.Track;

/// <summary>
/// The reporter claims their reward with the tracking number and key (the tracking session) or their account: name,
/// identity number and an account in their own name, sealed at once. Every problem is shown beside its field at once,
/// with what was typed kept; a claim after the last day is refused with the date.
/// </summary>
public sealed class RewardModel(TrackAccess access, RewardClaims claims, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public ClaimInput Claim { get; set; } = new();
    public string TrackingNumber { get; private set; } = "";
    public RewardForReporter? Reward { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : RedirectToPage("./Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return RedirectToPage("./Index");
        }
        ModelState.Clear();
        var problems = RewardClaim.Check(Claim.Name, Claim.IdNumber, Claim.Bank, Claim.Account, Claim.Declared).ToList();
        foreach (var (field, key) in problems)
        {
            ModelState.AddModelError("Claim." + field, l[key]);
        }
        if (problems.Count > 0)
        {
            return Page();
        }
        var outcome = await claims.ClaimAsync(HttpContext, Id, Claim.Name, Claim.IdNumber, Claim.Bank, Claim.Account, Claim.Declared, ct);
        return await this.AnswerAsync(outcome, l, () =>
        {
            TempData["Notice"] = outcome.MessageKey;
            return RedirectToPage("./Report", new { Id });
        }, async () => await LoadAsync(ct) ? Page() : RedirectToPage("./Index"), notFound: () => RedirectToPage("./Index"));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await access.ResolveAsync(HttpContext, Id, ct) is not { } report)
        {
            return false;
        }
        TrackingNumber = report.TrackingNumber;
        Reward = await claims.ForReporterAsync(report.Id, ct);
        return true;
    }

    public sealed class ClaimInput
    {
        [Display(Name = "Reward.Claim.NameLabel")] public string? Name { get; set; }
        [Display(Name = "Reward.Claim.IdNumberLabel")] public string? IdNumber { get; set; }
        [Display(Name = "Reward.Claim.BankLabel")] public string? Bank { get; set; }
        [Display(Name = "Reward.Claim.AccountLabel")] public string? Account { get; set; }
        [Display(Name = "Reward.Claim.Declaration")] public bool Declared { get; set; }
    }
}

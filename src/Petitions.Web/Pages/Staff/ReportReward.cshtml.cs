using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Core.Reports;
using Petitions.Core.Rewards;
using Petitions.Web.Services;
using Petitions.Web.UseCases.Rewards;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// A report's reward: what the portal proposes and why, the officer's proposal, the second supervisor's decision, and,
/// once the reporter claimed, the paying office's two-person look at the claim and the payment.
/// </summary>
public sealed class ReportRewardModel(StaffAccess access, RewardDecisions decisions, RewardPayments payments, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public Report Report { get; private set; } = null!;
    public RewardView? View { get; private set; }
    public string? Notice { get; private set; }
    /// <summary>The claim in clear: on the response to "show the claim" only (audited).</summary>
    public RewardClaim? Claim { get; private set; }

    [BindProperty] public ProposalInput Reward { get; set; } = new();
    [BindProperty] public DecisionInput Decision { get; set; } = new();
    [BindProperty] public PaymentInput Payment { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["Notice"] as string;
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Reward.Loss ??= View?.SuggestedLoss.ToString("0.00", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostProposeAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var loss = decimal.TryParse((Reward.Loss ?? "").Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).Trim(),
            NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null;
        var refuse = Reward.Eligible == false;
        if (refuse && Reward.Reason is null)
        {
            ModelState.AddModelError("Reward.Reason", l["Validation.Required"]);
        }
        if (!ModelState.IsValid)
        {
            return await AgainAsync(ct);
        }
        var outcome = await decisions.ProposeAsync(User, Id, new RewardInput(loss, Reward.Party, refuse ? Reward.Reason : null, Reward.Note), ct);
        return await this.AnswerAsync(outcome, l, Done(outcome), () => AgainAsync(ct));
    }

    public async Task<IActionResult> OnPostDecideAsync(bool approve, CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await decisions.DecideAsync(User, Id, approve, Decision.ReturnReason, ct);
        return await this.AnswerAsync(outcome, l, Done(outcome), () => AgainAsync(ct));
    }

    public async Task<IActionResult> OnPostRevealAsync(CancellationToken ct)
    {
        var outcome = await payments.RequestRevealAsync(User, Id, ct);
        return await this.AnswerAsync(outcome, l, Done(outcome), () => AgainAsync(ct));
    }

    public async Task<IActionResult> OnPostApproveRevealAsync(CancellationToken ct)
    {
        var outcome = await payments.ApproveRevealAsync(User, Id, ct);
        return await this.AnswerAsync(outcome, l, Done(outcome), () => AgainAsync(ct));
    }

    public async Task<IActionResult> OnPostClaimAsync(CancellationToken ct)
    {
        Claim = await payments.SeeClaimAsync(User, Id, ct);
        return Claim is null ? NotFound() : await AgainAsync(ct);
    }

    public async Task<IActionResult> OnPostPayAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var day = DateOnly.TryParse(Payment.PaidOn, CultureInfo.InvariantCulture, out var d) ? d : (DateOnly?)null;
        var amount = decimal.TryParse((Payment.Amount ?? "").Replace(",", "", StringComparison.Ordinal).Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var a) ? a : (decimal?)null;
        var outcome = await payments.RecordPaymentAsync(User, Id, day, Payment.Reference, amount, ct);
        return await this.AnswerAsync(outcome, l, Done(outcome), () => AgainAsync(ct));
    }

    private Func<IActionResult> Done(UseCases.Outcome outcome) => () =>
    {
        TempData["Notice"] = l[outcome.MessageKey!, outcome.Args ?? []].Value;
        return RedirectToPage(new { id = Id });
    };

    private async Task<IActionResult> AgainAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await access.FindAsync(User, Id, ct) is not { } report)
        {
            return false;
        }
        Report = report;
        View = await decisions.ViewAsync(User, report, ct);
        return true;
    }

    public sealed class ProposalInput
    {
        [Display(Name = "Reward.Loss")] public string? Loss { get; set; }
        [Display(Name = "Reward.Party")] public ReportedParty Party { get; set; }
        /// <summary>True: the officer confirms the report is eligible; false: refuses with a reason.</summary>
        public bool? Eligible { get; set; } = true;
        [Display(Name = "Reward.Reason")] public RewardRefusal? Reason { get; set; }
        [StringLength(2_000, ErrorMessage = "Validation.TooLong"), Display(Name = "Reward.Note")] public string? Note { get; set; }
    }

    public sealed class DecisionInput
    {
        [StringLength(2_000, ErrorMessage = "Validation.TooLong"), Display(Name = "Reward.ReturnReason")] public string? ReturnReason { get; set; }
    }

    public sealed class PaymentInput
    {
        [Display(Name = "Reward.Payment.PaidOn")] public string? PaidOn { get; set; }
        [Display(Name = "Reward.Payment.Reference")] public string? Reference { get; set; }
        [Display(Name = "Reward.Payment.Amount")] public string? Amount { get; set; }
    }
}

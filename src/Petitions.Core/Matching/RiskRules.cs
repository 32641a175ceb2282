namespace Petitions.Core.Matching;

/// <summary>
/// One risk rule of the monthly matching: its code, the kind of report its cases are filed as, and its one threshold
/// (what the number means is said on the administrators' page), with the range an administrator may set it in.
/// </summary>
public sealed record RiskRule(string Code, string KindCode, int DefaultThreshold, int Min, int Max);

/// <summary>
/// The rules the matching runs, each one set-based statement over the registers. Their thresholds are data
/// (<c>matching_rules</c>), edited by an administrator; a rule may be switched off. The defaults here seed the table.
/// </summary>
public static class RiskRules
{
    /// <summary>以人查卡: paid for periods after the month of death plus the threshold's grace months.</summary>
    public const string PaidAfterDeath = "paid-after-death";
    /// <summary>Back pay (待遇补发) paid more than the threshold's days after the death.</summary>
    public const string BackPayAfterDeath = "back-pay-after-death";
    /// <summary>Payment resumed after a suspension with no certification between (or within the threshold's days after).</summary>
    public const string ResumedUncertified = "resumed-uncertified";
    /// <summary>A regular amount raised with no adjustment (待遇调整) recorded, or by more than the threshold's percent.</summary>
    public const string RaisedOutsideAdjustment = "raised-outside-adjustment";
    /// <summary>A payment made more than the threshold's days before the first day of the month it pays for.</summary>
    public const string PaidEarly = "paid-early";
    /// <summary>Paid for periods while in prison, after the month of admission plus the threshold's grace months.</summary>
    public const string PaidInPrison = "paid-in-prison";
    /// <summary>One bank terminal drawing on at least the threshold's number of roll cards between midnight and five.</summary>
    public const string NightWithdrawals = "night-withdrawals";
    /// <summary>以卡核人: one contact phone given for at least the threshold's number of people on the roll.</summary>
    public const string SharedPhone = "shared-phone";
    /// <summary>以卡核人: one address given for at least the threshold's number of people on the roll.</summary>
    public const string SharedAddress = "shared-address";
    /// <summary>以卡核人: one card or account paid to at least the threshold's number of people on the roll.</summary>
    public const string SharedCard = "shared-card";

    public static readonly IReadOnlyList<RiskRule> All =
    [
        new(PaidAfterDeath, "deceased-pension", 1, 0, 12),
        new(BackPayAfterDeath, "deceased-pension", 0, 0, 365),
        new(PaidInPrison, "inflated-benefit", 1, 0, 12),
        new(ResumedUncertified, "inflated-benefit", 7, 0, 90),
        new(RaisedOutsideAdjustment, "inflated-benefit", 10, 0, 100),
        new(PaidEarly, "improper-payment", 31, 0, 90),
        new(NightWithdrawals, "card-not-owner", 10, 2, 10_000),
        new(SharedPhone, "card-not-owner", 5, 2, 10_000),
        new(SharedCard, "card-not-owner", 2, 2, 10_000),
        new(SharedAddress, "card-not-owner", 8, 2, 10_000),
    ];

    /// <summary>The rule of a code, or null.</summary>
    public static RiskRule? Find(string code) => All.FirstOrDefault(r => r.Code == code);

    /// <summary>
    /// The kind a person's case is filed as: the first rule in <see cref="All"/>'s order among its hits decides (a death
    /// outweighs a raise, a raise a shared phone).
    /// </summary>
    public static string KindOf(IEnumerable<string> rules)
    {
        var set = rules.ToHashSet();
        return All.FirstOrDefault(r => set.Contains(r.Code))?.KindCode ?? "other";
    }

    /// <summary>True when the rule's money is paid after a death (what the hits page totals as "paid after death").</summary>
    public static bool AboutDeath(string code) => code is PaidAfterDeath or BackPayAfterDeath;

    /// <summary>Null when the threshold may be set for the rule, else the message's key.</summary>
    public static string? Check(string code, int? threshold) => Find(code) switch
    {
        null => "Admin.MatchingRules.Unknown",
        _ when threshold is null => "Validation.Required",
        { } rule when threshold < rule.Min || threshold > rule.Max => "Admin.MatchingRules.Range",
        _ => null,
    };
}

namespace Petitions.Core.Rewards;

/// <summary>Who a verified report was about, where a province's rate depends on it.</summary>
public enum ReportedParty
{
    /// <summary>An insured person or someone drawing benefits (冒领、骗取待遇的个人).</summary>
    Individual,
    /// <summary>An employer or a service institution (参保单位、服务机构).</summary>
    Employer,
    /// <summary>The handling agency or its staff (经办机构及其工作人员).</summary>
    Agency,
}

/// <summary>
/// One step of a rule: for a loss above <see cref="AboveLoss"/> (and up to the next band), the reward is
/// <see cref="Flat"/> plus a percentage of the whole loss — the percentage by who was reported when the rule says so.
/// </summary>
public sealed record RewardBand(decimal AboveLoss, decimal Flat, decimal Percent, decimal? EmployerPercent = null, decimal? AgencyPercent = null)
{
    public decimal PercentFor(ReportedParty party) => party switch
    {
        ReportedParty.Employer => EmployerPercent ?? Percent,
        ReportedParty.Agency => AgencyPercent ?? Percent,
        _ => Percent,
    };
}

/// <summary>How a proposed amount came about, for the officer, the approver and the notice.</summary>
public enum RewardBasis
{
    /// <summary>Flat plus the percentage of the loss, as the band says.</summary>
    Rate,
    /// <summary>Raised to the rule's minimum.</summary>
    Minimum,
    /// <summary>Lowered to the rule's maximum.</summary>
    Maximum,
    /// <summary>No loss to the fund: the rule's fixed amount for a verified report.</summary>
    NoLoss,
}

/// <summary>The amount a rule gives, and why: the band's percentage and flat part, and what the bounds did.</summary>
public sealed record RewardAmount(decimal Amount, RewardBasis Basis, decimal Percent, decimal Flat, decimal Share);

/// <summary>
/// A province's reward rule (举报奖励办法), as data an administrator keeps: the bands, the bounds, the fixed amount for a
/// verified report that caused no loss, the notice and claim periods in working days, and the document it comes from.
/// The rule in force on the day a report is concluded applies.
/// </summary>
public sealed class RewardRule
{
    /// <summary>The national measures cap a reward at this per matter unless a province's rule says otherwise.</summary>
    public const decimal NationalCap = 100_000m;

    public int Id { get; set; }
    /// <summary>The province's region code (420000 for Hubei).</summary>
    public required string ProvinceCode { get; set; }
    public DateOnly InForceFrom { get; set; }
    /// <summary>The document: issuer, number and title (鄂人社发〔2022〕51号 …).</summary>
    public required string Citation { get; set; }
    /// <summary>False while the figures come from public summaries only and await the official text.</summary>
    public bool Confirmed { get; set; }
    public List<RewardBand> Bands { get; set; } = [];
    public decimal Minimum { get; set; }
    public decimal Maximum { get; set; } = NationalCap;
    /// <summary>The fixed amount (or the lowest of a range) for a verified report with no loss; null when the rule gives none.</summary>
    public decimal? NoLossMinimum { get; set; }
    public decimal? NoLossMaximum { get; set; }
    /// <summary>The department tells the reporter within this many working days of concluding.</summary>
    public int NoticeWorkingDays { get; set; } = 10;
    /// <summary>The reporter claims within this many working days of the notice, or the reward lapses.</summary>
    public int ClaimWorkingDays { get; set; } = 30;

    /// <summary>
    /// The reward for a confirmed loss, before any sharing: the band the loss falls in (flat + percentage of the whole
    /// loss, rounded to the fen), kept within the minimum and maximum; the fixed amount when there was no loss (null
    /// when the rule gives none). <paramref name="share"/> divides it among joint first reporters.
    /// </summary>
    public RewardAmount? Compute(decimal loss, ReportedParty party, decimal share = 1m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(loss);
        if (share is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(share), "A share is more than 0 and at most 1.");
        }
        if (loss == 0)
        {
            return NoLossMinimum is { } fixedAmount ? new(Fen(fixedAmount * share), RewardBasis.NoLoss, 0, fixedAmount, share) : null;
        }
        var band = Bands.Where(b => loss > b.AboveLoss).MaxBy(b => b.AboveLoss)
            ?? throw new InvalidOperationException("The rule has no band for this loss.");
        var percent = band.PercentFor(party);
        var raw = band.Flat + Fen(loss * percent / 100m);
        var (amount, basis) = raw < Minimum ? (Minimum, RewardBasis.Minimum) : raw > Maximum ? (Maximum, RewardBasis.Maximum) : (raw, RewardBasis.Rate);
        return new(Fen(amount * share), basis, percent, band.Flat, share);
    }

    /// <summary>The rule of <paramref name="provinceCode"/> in force on <paramref name="day"/>, if any.</summary>
    public static RewardRule? InForce(IEnumerable<RewardRule> rules, string provinceCode, DateOnly day) =>
        rules.Where(r => r.ProvinceCode == provinceCode && r.InForceFrom <= day).MaxBy(r => r.InForceFrom);

    private static decimal Fen(decimal yuan) => Math.Round(yuan, 2, MidpointRounding.AwayFromZero);
}

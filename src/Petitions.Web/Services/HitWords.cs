using System.Globalization;
using Microsoft.Extensions.Localization;
using Petitions.Core.Matching;
using Petitions.Data;

namespace Petitions.Web.Services;

/// <summary>Says in the page's language what a hit of a rule other than a death's or a shared detail's rests on.</summary>
public static class HitWords
{
    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
    private static string Month(DateOnly? day) => day?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "";
    private static string Money(decimal amount) => "¥" + amount.ToString("N2", CultureInfo.CurrentCulture);

    /// <summary>The facts of the hit, or null for the rules the pages say in their own way (a death, a shared detail).</summary>
    public static string? Say(MatchHit h, IStringLocalizer l) => h.Rule switch
    {
        RiskRules.BackPayAfterDeath => l["Hit.BackPayAfter", h.Months, Day(h.FactFrom), Month(h.FirstPeriod), Month(h.LastPeriod), Money(h.Amount)].Value,
        RiskRules.PaidInPrison => l["Hit.Prison", Day(h.FactFrom), h.FactTo is null ? l["Hit.StillInPrison"].Value : Day(h.FactTo), h.Months,
            Month(h.FirstPeriod), Month(h.LastPeriod), Money(h.Amount)].Value,
        RiskRules.ResumedUncertified => l["Hit.Resumed", Day(h.FactFrom), Day(h.FactTo), h.Months, Money(h.Amount)].Value,
        RiskRules.RaisedOutsideAdjustment => l["Hit.Raised", (h.Percent ?? 0).ToString("0.##", CultureInfo.CurrentCulture), Month(h.FactFrom), h.Months, Money(h.Amount)].Value,
        RiskRules.NightWithdrawals => l["Hit.Night", Day(h.FactFrom), Day(h.FactTo), h.SharedWith ?? 0, h.SharedWithDead ?? 0, Money(h.Amount), h.Months].Value,
        RiskRules.PaidEarly => l["Hit.Early", h.Months, Day(h.FactFrom), Month(h.FirstPeriod), Month(h.LastPeriod), Money(h.Amount)].Value,
        _ => null,
    };

    /// <summary>A shared detail's group, for the rules on shared details.</summary>
    public static string? Shared(MatchHit h, IStringLocalizer l) => h.SharedWith is not { } shared || !IsShared(h.Rule) ? null
        : l[h.Rule switch { RiskRules.SharedCard => "Matching.SharedCard", RiskRules.SharedAddress => "Matching.SharedAddress", _ => "Matching.SharedPhone" },
            shared, h.SharedWithDead ?? 0].Value;

    /// <summary>The rules whose money is the person's monthly amount (at stake each month), not a sum paid.</summary>
    public static bool IsShared(string rule) => rule is RiskRules.SharedPhone or RiskRules.SharedCard or RiskRules.SharedAddress;
}

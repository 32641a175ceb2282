using System.Globalization;

namespace Petitions.Core.Triage;

/// <summary>What a priority rule looks at.</summary>
public enum PriorityCondition
{
    /// <summary>The description contains any of the words in <see cref="PriorityRule.Parameter"/> (separated by "|").</summary>
    TextContainsAny,
    /// <summary>The estimated amount is at least the yuan in the parameter.</summary>
    AmountAtLeast,
    /// <summary>The number of cards or people is at least the parameter.</summary>
    CardsAtLeast,
    RealName,
    /// <summary>A named person's unit contains one of the words in the parameter (e.g. 社保|人社|社会保险).</summary>
    NamesUnitMatching,
    /// <summary>At least the parameter's number of earlier reports (two years) name the same person.</summary>
    RepeatedPerson,
}

/// <summary>A transparent, admin-editable priority rule; its points are added when its condition holds.</summary>
public sealed class PriorityRule : ISwitchableRule
{
    public int Id { get; set; }
    /// <summary>The rule's name in Chinese.</summary>
    public required string Name { get; set; }
    /// <summary>The rule's name in English (shown on English pages; the Chinese name when empty).</summary>
    public string? NameEn { get; set; }

    public string NameIn(bool chinese) => chinese || string.IsNullOrWhiteSpace(NameEn) ? Name : NameEn;
    public PriorityCondition Condition { get; set; }
    public string? Parameter { get; set; }
    public int Points { get; set; }
    public bool Enabled { get; set; } = true;
}

/// <summary>What the rules are evaluated on; gathered by the triage job.</summary>
public sealed record PriorityFacts(
    string Description,
    decimal? AmountYuan,
    int? CardsOrPeople,
    bool IsAnonymous,
    IReadOnlyList<string> NamedUnits,
    int EarlierReportsNamingSamePerson);

/// <summary>One rule's share of a report's score, stored so an officer sees why it ranks where it does.</summary>
public sealed record PriorityContribution(int RuleId, string RuleName, string? RuleNameEn, int Points, string Reason);

public static class PriorityScorer
{
    public static IReadOnlyList<PriorityContribution> Score(IEnumerable<PriorityRule> rules, PriorityFacts facts)
    {
        var result = new List<PriorityContribution>();
        foreach (var rule in rules.Where(r => r.Enabled).OrderBy(r => r.Id))
        {
            if (Reason(rule, facts) is { } reason)
            {
                result.Add(new PriorityContribution(rule.Id, rule.Name, rule.NameEn, rule.Points, reason));
            }
        }
        return result;
    }

    /// <summary>Why the rule applies (shown to officers) in signs, figures and quoted words only, the same in every language; null when it does not.</summary>
    private static string? Reason(PriorityRule rule, PriorityFacts f)
    {
        switch (rule.Condition)
        {
            case PriorityCondition.TextContainsAny:
                var word = Words(rule.Parameter).FirstOrDefault(w => f.Description.Contains(w, StringComparison.OrdinalIgnoreCase));
                return word is null ? null : $"“{word}”";
            case PriorityCondition.AmountAtLeast:
                return f.AmountYuan is { } amount && amount >= Number(rule.Parameter)
                    ? $"¥{amount.ToString("N0", CultureInfo.InvariantCulture)} ≥ ¥{Number(rule.Parameter).ToString("N0", CultureInfo.InvariantCulture)}" : null;
            case PriorityCondition.CardsAtLeast:
                return f.CardsOrPeople is { } cards && cards >= Number(rule.Parameter)
                    ? $"{cards} ≥ {Number(rule.Parameter).ToString(CultureInfo.InvariantCulture)}" : null;
            case PriorityCondition.RealName:
                return f.IsAnonymous ? null : "";
            case PriorityCondition.NamesUnitMatching:
                var words = Words(rule.Parameter).ToList();
                var unit = f.NamedUnits.FirstOrDefault(u => words.Any(w => u.Contains(w, StringComparison.OrdinalIgnoreCase)));
                return unit is null ? null : unit;
            case PriorityCondition.RepeatedPerson:
                var needed = Math.Max(1, (int)Number(rule.Parameter));
                return f.EarlierReportsNamingSamePerson >= needed ? $"×{f.EarlierReportsNamingSamePerson}" : null;
            default:
                return null;
        }
    }

    public static IEnumerable<string> Words(string? parameter) =>
        (parameter ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static decimal Number(string? parameter) =>
        decimal.TryParse(parameter, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : decimal.MaxValue;

    /// <summary>Whether a rule's parameter suits its condition (for the admin form).</summary>
    public static bool IsValidParameter(PriorityCondition condition, string? parameter) => condition switch
    {
        PriorityCondition.TextContainsAny or PriorityCondition.NamesUnitMatching => Words(parameter).Any(),
        PriorityCondition.AmountAtLeast or PriorityCondition.CardsAtLeast or PriorityCondition.RepeatedPerson =>
            decimal.TryParse(parameter, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n >= 0,
        _ => true,
    };
}

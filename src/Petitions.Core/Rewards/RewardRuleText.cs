using System.Globalization;

namespace Petitions.Core.Rewards;

/// <summary>
/// A rule's bands as an administrator types them, one band per line: the loss above which it applies, the flat
/// amount, the percentage, and optionally the percentages when an employer or the agency was reported
/// ("0 0 2" is 2 % of any loss; "20000 0 1" is 1 % above 20,000; "0 0 2 3 5" is Shandong's 2/3/5 %).
/// </summary>
public static class RewardRuleText
{
    public static string Format(IEnumerable<RewardBand> bands) => string.Join("\n", bands.Select(b => string.Join(' ',
        new[] { b.AboveLoss, b.Flat, b.Percent }.Concat(b.EmployerPercent is { } e ? [e, b.AgencyPercent ?? b.Percent] : b.AgencyPercent is { } a ? [b.Percent, a] : [])
            .Select(n => n.ToString("0.##", CultureInfo.InvariantCulture)))));

    /// <summary>The bands, or null when a line is not 3 or 5 numbers, a percentage is over 100, the first band does not start at 0, or they are not in rising order.</summary>
    public static List<RewardBand>? Parse(string? text)
    {
        var bands = new List<RewardBand>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var numbers = line.Split([' ', '\t', ',', '，'], StringSplitOptions.RemoveEmptyEntries)
                .Select(n => decimal.TryParse(n, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : -1).ToList();
            if (numbers.Count is not (3 or 5) || numbers.Any(n => n < 0) || numbers.Skip(2).Any(p => p > 100))
            {
                return null;
            }
            bands.Add(numbers.Count == 5 ? new(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]) : new(numbers[0], numbers[1], numbers[2]));
        }
        var rising = bands.Zip(bands.Skip(1)).All(p => p.First.AboveLoss < p.Second.AboveLoss);
        return bands.Count > 0 && bands[0].AboveLoss == 0 && rising ? bands : null;
    }

    /// <summary>What is wrong with a rule's amounts and periods, as (field, message key); nothing when it can be saved.</summary>
    public static IEnumerable<(string Field, string MessageKey)> Check(decimal minimum, decimal maximum, decimal? noLossMinimum, decimal? noLossMaximum,
        int noticeDays, int claimDays)
    {
        if (minimum < 0 || maximum <= 0 || minimum > maximum)
        {
            yield return ("Maximum", "Admin.RewardRules.Bounds");
        }
        if (noLossMinimum is < 0 || noLossMaximum is < 0 || (noLossMinimum is null) != (noLossMaximum is null) || noLossMinimum > noLossMaximum)
        {
            yield return ("NoLossMaximum", "Admin.RewardRules.NoLoss");
        }
        if (noticeDays is < 1 or > 90)
        {
            yield return ("NoticeWorkingDays", "Admin.RewardRules.Days");
        }
        if (claimDays is < 1 or > 90)
        {
            yield return ("ClaimWorkingDays", "Admin.RewardRules.Days");
        }
    }
}

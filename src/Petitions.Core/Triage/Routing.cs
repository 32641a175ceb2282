using Petitions.Core.Regions;

namespace Petitions.Core.Triage;

/// <summary>Which jurisdiction's queue a rule sends a report to.</summary>
public enum RoutingTarget
{
    /// <summary>The report's own county (else its city, else its province).</summary>
    OwnCounty,
    /// <summary>The report's own city (else its province): for reports that should not be handled locally.</summary>
    OwnCity,
    OwnProvince,
    /// <summary>A named jurisdiction, e.g. a provincial special team.</summary>
    Fixed,
}

/// <summary>
/// An admin-editable routing rule: reports from <see cref="ScopeRegionCode"/> (or anywhere) and of
/// <see cref="KindCode"/> (or any kind) go to <see cref="Target"/>. The most specific enabled rule wins.
/// </summary>
public sealed class RoutingRule : ISwitchableRule
{
    public int Id { get; set; }
    /// <summary>The rule's name in Chinese.</summary>
    public required string Name { get; set; }
    /// <summary>The rule's name in English (shown on English pages; the Chinese name when empty).</summary>
    public string? NameEn { get; set; }

    public string NameIn(bool chinese) => chinese || string.IsNullOrWhiteSpace(NameEn) ? Name : NameEn;
    public string? ScopeRegionCode { get; set; }
    public string? KindCode { get; set; }
    public RoutingTarget Target { get; set; }
    public string? TargetRegionCode { get; set; }
    public bool Enabled { get; set; } = true;
}

/// <summary>A rule an Admin can switch off and on (rules are never deleted: triage results refer to them).</summary>
public interface ISwitchableRule
{
    int Id { get; }
    string Name { get; }
    bool Enabled { get; set; }
}

public sealed record RoutingDecision(string QueueRegionCode, int? RuleId, string? RuleName);

public static class Router
{
    /// <summary>
    /// A campaign's lesson: while a county's earlier conclusions are overturned at a campaign's threshold or more, a
    /// report that would stay in that county goes to its city instead. Returns the queue it goes to, or null when it
    /// stays (not routed to a county with a lesson, or transferred there by an officer, which stays where it was sent).
    /// </summary>
    public static string? LessonQueue(IReadOnlyList<Region> lineage, string routedQueue, bool transferred, Func<string, bool> countyHasLesson)
    {
        if (transferred || lineage.FirstOrDefault(r => r.Level == RegionLevel.County) is not { } county || routedQueue != county.Code || !countyHasLesson(county.Code))
        {
            return null;
        }
        return lineage.FirstOrDefault(r => r.Level == RegionLevel.City)?.Code ?? lineage[^1].Code;
    }

    /// <summary>
    /// Routes a report. Specificity: a rule scoped to a deeper region beats a shallower one; at equal depth a
    /// rule for the kind beats one for every kind; then the lower id. No match: the province queue.
    /// </summary>
    public static RoutingDecision Route(IEnumerable<RoutingRule> rules, IReadOnlyList<Region> lineage, string kindCode)
    {
        if (lineage.Count == 0)
        {
            throw new ArgumentException("The report's region is unknown.", nameof(lineage));
        }
        var province = lineage[^1];
        var best = rules
            .Where(r => r.Enabled && (r.KindCode is null || r.KindCode == kindCode))
            .Select(r => (Rule: r, Depth: ScopeDepth(r, lineage)))
            .Where(x => x.Depth >= 0)
            .OrderByDescending(x => x.Depth)
            .ThenByDescending(x => x.Rule.KindCode is not null)
            .ThenBy(x => x.Rule.Id)
            .Select(x => x.Rule)
            .FirstOrDefault();
        if (best is null)
        {
            return new RoutingDecision(province.Code, null, null);
        }
        var queue = best.Target switch
        {
            RoutingTarget.OwnCounty => lineage[0].Code,
            RoutingTarget.OwnCity => lineage.FirstOrDefault(r => r.Level <= RegionLevel.City)?.Code ?? province.Code,
            RoutingTarget.OwnProvince => province.Code,
            _ => best.TargetRegionCode ?? province.Code,
        };
        return new RoutingDecision(queue, best.Id, best.Name);
    }

    /// <summary>0 for a rule that applies everywhere, 1–3 for province, city, county scope; -1 when it does not apply.</summary>
    private static int ScopeDepth(RoutingRule rule, IReadOnlyList<Region> lineage)
    {
        if (rule.ScopeRegionCode is null)
        {
            return 0;
        }
        var match = lineage.FirstOrDefault(r => r.Code == rule.ScopeRegionCode);
        return match is null ? -1 : (int)match.Level;
    }
}

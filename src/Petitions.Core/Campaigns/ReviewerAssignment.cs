namespace Petitions.Core.Campaigns;

/// <summary>
/// Gives each campaign item to an independent reviewer: never anyone who acted on the original report, never
/// anyone from the unit that concluded it, never anyone excluded from it by the conflict rules; among those left,
/// the one with the fewest items (ties by id, so the result is the same on every run).
/// </summary>
public static class ReviewerAssignment
{
    public sealed record Reviewer(Guid Id, string? Unit);

    /// <summary>
    /// An item as assignment sees it: the unit that concluded the original, everyone who acted on it (its events'
    /// actors and its assignee) and the people the conflict rules exclude from it.
    /// </summary>
    public sealed record Item(long Id, string? ConcludingUnit, IReadOnlySet<Guid> Handlers, IReadOnlySet<Guid> Excluded);

    public static bool MayReview(Reviewer reviewer, Item item) =>
        !item.Handlers.Contains(reviewer.Id)
        && !item.Excluded.Contains(reviewer.Id)
        && !(item.ConcludingUnit is { Length: > 0 } unit && string.Equals(reviewer.Unit?.Trim(), unit.Trim(), StringComparison.Ordinal));

    /// <summary>Item id → reviewer id; items nobody may review are left out (the caller lists them).</summary>
    public static Dictionary<long, Guid> Assign(IEnumerable<Item> items, IReadOnlyList<Reviewer> reviewers, IReadOnlyDictionary<Guid, int>? existingLoad = null)
    {
        var load = reviewers.ToDictionary(r => r.Id, r => existingLoad?.GetValueOrDefault(r.Id) ?? 0);
        var ordered = reviewers.OrderBy(r => r.Id).ToList();
        var result = new Dictionary<long, Guid>();
        foreach (var item in items.OrderBy(i => i.Id))
        {
            Reviewer? best = null;
            foreach (var reviewer in ordered)
            {
                if (MayReview(reviewer, item) && (best is null || load[reviewer.Id] < load[best.Id]))
                {
                    best = reviewer;
                }
            }
            if (best is not null)
            {
                result[item.Id] = best.Id;
                load[best.Id]++;
            }
        }
        return result;
    }
}

namespace Petitions.Core.Regions;

/// <summary>
/// What a staff member's jurisdictions cover: the one rule every page, export and handler asks
/// (<see cref="Covers"/>), and the same rule as the database applies it (<see cref="Prefixes"/>: a county is its own
/// code, a city or a province the leading digits of every code inside it). A test pins the two against
/// <see cref="RegionCatalogue.IsWithin"/> for every pair of regions.
/// </summary>
public sealed class Reach
{
    public static readonly Reach None = new([]);

    public Reach(IEnumerable<string> jurisdictions)
    {
        Codes = jurisdictions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Prefixes = Codes.Select(RegionCatalogue.CodePrefix).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The jurisdictions themselves (region codes), in code order.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>The code prefixes a query matches region codes against (equality for a county).</summary>
    public IReadOnlyList<string> Prefixes { get; }

    public bool IsEmpty => Codes.Count == 0;

    /// <summary>True when the region is one of the jurisdictions or lies inside one.</summary>
    public bool Covers(string? region) => region is not null && Prefixes.Any(p => Within(region, p));

    /// <summary>The jurisdiction that covers the region (the widest first), or null.</summary>
    public string? RootOf(string? region) =>
        region is null ? null : Codes.OrderBy(c => RegionCatalogue.CodePrefix(c).Length).FirstOrDefault(c => Within(region, RegionCatalogue.CodePrefix(c)));

    /// <summary>True when the two overlap: one covers a jurisdiction of the other (a colleague above, below or beside).</summary>
    public bool Overlaps(Reach other) => other.Codes.Any(Covers) || Codes.Any(other.Covers);

    private static bool Within(string region, string prefix) =>
        prefix.Length == 6 ? region == prefix : region.Length == 6 && region.StartsWith(prefix, StringComparison.Ordinal);
}

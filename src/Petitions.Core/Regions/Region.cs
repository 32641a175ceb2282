namespace Petitions.Core.Regions;

/// <summary>Administrative division level in GB/T 2260.</summary>
public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
}

/// <summary>One administrative division: six-digit GB/T 2260 code, Chinese name, parent code.</summary>
/// <summary>
/// A division of the GB/T 2260 list: its code, its Chinese name, its parent, its level, and its English name
/// (pinyin of the proper name and the kind of division, generated from npm's pinyin-pro by scripts/build-regions.mjs).
/// </summary>
public sealed record Region(string Code, string Name, string? ParentCode, RegionLevel Level, string? English = null)
{
    /// <summary>The name a page in that language shows: the Chinese name, or the English one beside the official Chinese name.</summary>
    public string NameIn(bool chinese) => chinese || English is null ? Name : $"{English} ({Name})";
}

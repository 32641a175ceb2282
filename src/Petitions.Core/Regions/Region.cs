namespace Petitions.Core.Regions;

/// <summary>Administrative division level in GB/T 2260.</summary>
public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
}

/// <summary>One administrative division: six-digit GB/T 2260 code, Chinese name, parent code.</summary>
public sealed record Region(string Code, string Name, string? ParentCode, RegionLevel Level);

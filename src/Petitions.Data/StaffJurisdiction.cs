namespace Petitions.Data;

/// <summary>A staff member's jurisdiction: a region code; a province or city includes everything inside it.</summary>
public sealed class StaffJurisdiction
{
    public Guid UserId { get; set; }
    public required string RegionCode { get; set; }
}

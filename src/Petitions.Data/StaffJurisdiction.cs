namespace Petitions.Data;

/// <summary>A staff member's jurisdiction: a region code; a province or city includes everything inside it.</summary>
public sealed class StaffJurisdiction
{
    public Guid UserId { get; set; }
    public required string RegionCode { get; set; }
}

/// <summary>The single row behind the triage signal (see TriageSignal in the site).</summary>
public sealed class TriageSignalRow
{
    public int Id { get; set; }
    public bool Pending { get; set; }
}

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

/// <summary>A staff member's named queue: the filters of /Staff as a query string, only ever shown to its owner.</summary>
public sealed class SavedView
{
    public int Id { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>"?view=…&amp;kind=…", as the queue page's address had it.</summary>
    public required string Query { get; set; }
}

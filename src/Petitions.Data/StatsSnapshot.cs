namespace Petitions.Data;

/// <summary>
/// One refresh of the statistics: when the materialized views were rebuilt, and the public figures
/// (already suppressed) computed from them, as JSON. The newest row is what /Stats and /Oversight show.
/// </summary>
public sealed class StatsSnapshot
{
    public long Id { get; set; }
    public DateTimeOffset AsOf { get; set; }
    public required string PublicJson { get; set; }
}

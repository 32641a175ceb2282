using Microsoft.EntityFrameworkCore;
using Petitions.Core.Triage;
using Petitions.Data;

namespace Petitions.Web.Jobs.Triage;

/// <summary>
/// The links and priority reasons a batch of triaged reports gets, written with one INSERT per table (arrays
/// unnested by PostgreSQL) inside the batch's transaction. A report near-duplicating a campaign's reports gets up to
/// sixty links: written one row per statement through the change tracker they were most of triage's cost.
/// </summary>
public sealed class TriageRows
{
    private readonly List<ReportLink> _links = [];
    private readonly List<ReportPriorityItem> _priority = [];

    public void Add(IEnumerable<ReportLink> links) => _links.AddRange(links);

    public void Add(IEnumerable<ReportPriorityItem> items) => _priority.AddRange(items);

    public async Task WriteAsync(AppDbContext db, CancellationToken ct)
    {
        if (_links.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO report_links ("ReportId", "RelatedReportId", "Reason", "Detail", "At")
                SELECT * FROM unnest({_links.Select(l => l.ReportId).ToArray()}::uuid[], {_links.Select(l => l.RelatedReportId).ToArray()}::uuid[],
                    {_links.Select(l => l.Reason.ToString()).ToArray()}::text[], {_links.Select(l => l.Detail).ToArray()}::text[],
                    {_links.Select(l => l.At).ToArray()}::timestamptz[])
                """, ct);
        }
        if (_priority.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO report_priority_items ("ReportId", "RuleId", "RuleName", "RuleNameEn", "Points", "Reason")
                SELECT * FROM unnest({_priority.Select(p => p.ReportId).ToArray()}::uuid[], {_priority.Select(p => p.RuleId).ToArray()}::int[],
                    {_priority.Select(p => p.RuleName).ToArray()}::text[], {_priority.Select(p => p.RuleNameEn).ToArray()}::text[],
                    {_priority.Select(p => p.Points).ToArray()}::int[], {_priority.Select(p => p.Reason).ToArray()}::text[])
                """, ct);
        }
        _links.Clear();
        _priority.Clear();
    }
}

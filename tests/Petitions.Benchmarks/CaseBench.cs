using Microsoft.EntityFrameworkCore;
using Petitions.Core.Triage;
using Petitions.Testing;

namespace Petitions.Benchmarks;

/// <summary>The case page of a report with many possibly related reports (target ≤ 50 ms with 200).</summary>
public static class CaseBench
{
    /// <summary>Links one of 衡南县's seeded reports to 200 others of the county, as triage would, and returns its address.</summary>
    public static async Task<string> LinkAsync(PetitionsFactory factory, int related)
    {
        var ids = await factory.QueryAsync(db => db.Reports.Where(r => r.RegionCode == "430422").OrderBy(r => r.Id).Select(r => r.Id).Take(related + 1).ToListAsync());
        await factory.QueryAsync(async db =>
        {
            if (await db.ReportLinks.AnyAsync(l => l.ReportId == ids[0]))
            {
                return 0; // linked by an earlier run on a kept database
            }
            db.ReportLinks.AddRange(ids.Skip(1).Select((other, i) => new ReportLink
            {
                ReportId = ids[0], RelatedReportId = other, Reason = (LinkReason)(i % 3), Detail = i % 3 == 2 ? "0.62" : "张某", At = DateTimeOffset.UtcNow,
            }));
            return await db.SaveChangesAsync();
        });
        return $"/Staff/Report/{ids[0]}";
    }
}

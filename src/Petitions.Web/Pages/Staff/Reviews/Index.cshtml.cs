using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Staff.Reviews;

/// <summary>A reviewer's own campaign items, open ones first; nothing else of any campaign.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(long ItemId, string CampaignName, DateOnly Deadline, string TrackingNumber, string RegionCode, Core.Reports.ReportStatus OriginalStatus,
        Core.Reports.Finding? OriginalFinding, Core.Campaigns.ReviewVerdict? Verdict);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = StaffAccess.UserId(User);
        Rows = await (from i in db.CampaignItems
                      join c in db.Campaigns on i.CampaignId equals c.Id
                      join r in db.Reports on i.ReportId equals r.Id
                      where i.ReviewerId == me
                      orderby i.Verdict != null, c.Deadline, i.Id
                      select new Row(i.Id, c.Name, c.Deadline, r.TrackingNumber, i.RegionCode, i.OriginalStatus, i.OriginalFinding, i.Verdict))
            .Take(500).ToListAsync(ct);
    }
}

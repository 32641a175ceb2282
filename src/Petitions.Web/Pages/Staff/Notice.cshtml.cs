using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Notices;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Staff;

/// <summary>A formal notice as the reporter received it, for staff who may see its report (404 otherwise), to print or re-send by post.</summary>
public sealed class NoticeModel(AppDbContext db, StaffAccess access) : PageModel
{
    public FormalNotice Notice { get; private set; } = null!;
    public string TrackingNumber { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.FormalNotices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct) is not { } notice
            || await access.FindAsync(User, notice.ReportId, ct) is not { } report)
        {
            return NotFound();
        }
        Notice = notice;
        TrackingNumber = report.TrackingNumber;
        return Page();
    }
}

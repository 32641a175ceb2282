using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Notices;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Track;

/// <summary>
/// A formal notice on the reporter's report, as a letter to read or print. Open only in the tracking session of that
/// report (number and key) or to its signed-in real-name reporter; anyone else is sent to the tracking form.
/// </summary>
public sealed class NoticeModel(TrackAccess access, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    public FormalNotice Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid notice, CancellationToken ct)
    {
        if (await access.ResolveAsync(HttpContext, Id, ct) is not { } report)
        {
            return RedirectToPage("./Index");
        }
        if (await db.FormalNotices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == notice && n.ReportId == report.Id, ct) is not { } found)
        {
            return NotFound();
        }
        Notice = found;
        return Page();
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Reports;
using Petitions.Data;

namespace Petitions.Web.Pages.Track;

/// <summary>"My reports": a signed-in citizen's real-name reports, opened without the key.</summary>
public sealed class MineModel(Services.ReporterIdentities identities, AppDbContext db, UserManager<AppUser> users) : PageModel
{
    public IReadOnlyList<Row> Reports { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (users.GetUserId(User) is not { } id)
        {
            return Challenge();
        }
        var link = identities.LinkOf(Guid.Parse(id, CultureInfo.InvariantCulture));
        Reports = await db.Reports.Where(r => r.ReporterKey == link).OrderByDescending(r => r.SubmittedAt)
            .Select(r => new Row(r.Id, r.TrackingNumber, r.SubmittedAt, r.Status)).ToListAsync(ct);
        return Page();
    }

    public sealed record Row(Guid Id, string TrackingNumber, DateTimeOffset SubmittedAt, ReportStatus Status);
}

using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Rewards;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// The rewards still to act on, within this person's reports (their jurisdictions, less exclusions): proposals awaiting
/// a second person (with the day the reporter must be told), proposals returned to their officer, and claims awaiting
/// the paying office. Where supervisors and the paying office find their work; the action itself is on each report.
/// </summary>
public sealed class RewardsModel(AppDbContext db, StaffAccess access, TimeLimitPolicy policy, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid ReportId, string TrackingNumber, string RegionCode, RewardStatus Status, bool Eligible, decimal Amount,
        DateOnly NoticeDue, DateTimeOffset? ClaimedAt, Guid? RevealRequestedById);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = policy.LocalDay(clock.GetUtcNow());
        var visible = await access.VisibleAsync(User, ct);
        var open = new[] { RewardStatus.Proposed, RewardStatus.Returned, RewardStatus.Claimed };
        Rows = await db.Rewards.AsNoTracking().Where(w => open.Contains(w.Status))
            .Join(visible, w => w.ReportId, r => r.Id, (w, r) => new { w, r })
            .OrderBy(x => x.w.NoticeDue).ThenBy(x => x.r.TrackingNumber).Take(500)
            .Select(x => new Row(x.r.Id, x.r.TrackingNumber, x.r.RegionCode, x.w.Status, x.w.Eligible, x.w.Amount, x.w.NoticeDue, x.w.ClaimedAt, x.w.RevealRequestedById))
            .ToListAsync(ct);
    }
}

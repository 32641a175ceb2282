using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// The queues: mine, my jurisdictions' queue, unassigned, due soon, overdue; filters; text search over the
/// description (a trigram index, so it works for Chinese); sorted by priority, due date or age; keyset pages.
/// </summary>
public sealed class IndexModel(AppDbContext db, StaffAccess access, TimeLimitPolicy policy) : PageModel
{
    public const int PageSize = 50;

    public string View { get; private set; } = "queue";
    public string Sort { get; private set; } = "priority";
    public string? Kind { get; private set; }
    public ReportStatus? Status { get; private set; }
    public string? Q { get; private set; }
    public string? Region { get; private set; }
    public int? MinPriority { get; private set; }
    /// <summary>"anonymous", "realname" or null for both.</summary>
    public string? Identity { get; private set; }
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }
    public IReadOnlyList<ReportKind> Kinds { get; private set; } = [];
    public IReadOnlyList<Components.QueueTable.Row> Rows { get; private set; } = [];
    public string? NextAfter { get; private set; }

    public async Task OnGetAsync(string? view, string? sort, string? kind, ReportStatus? status, string? q, string? after,
        string? region, int? minPriority, string? identity, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        Region = region is { Length: 6 } && region.All(char.IsAsciiDigit) ? region : null;
        MinPriority = minPriority is >= 0 and <= 10_000 ? minPriority : null;
        Identity = identity is "anonymous" or "realname" ? identity : null;
        // Dates far outside the portal's life are ignored rather than overflowing the day arithmetic.
        From = Display.Plausible(from);
        To = Display.Plausible(to);
        View = view is "mine" or "unassigned" or "duesoon" or "overdue" ? view : "queue";
        Sort = sort is "due" or "age" ? sort : "priority";
        Kind = string.IsNullOrWhiteSpace(kind) ? null : kind;
        Status = status;
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 100)];
        var me = StaffAccess.UserId(User);
        var reports = await access.VisibleAsync(User, ct);
        reports = View switch
        {
            "mine" => reports.Where(r => r.AssigneeId == me),
            "unassigned" => reports.Where(r => r.AssigneeId == null),
            "duesoon" => reports.Where(r => r.DueState == DueState.DueSoon),
            "overdue" => reports.Where(r => r.DueState == DueState.Overdue),
            _ => reports,
        };
        // Without a status filter the queues show open reports only.
        reports = Status is { } wanted
            ? reports.Where(r => r.Status == wanted)
            : reports.Where(r => ReportStatuses.Open.Contains(r.Status));
        if (Kind is not null)
        {
            reports = reports.Where(r => r.KindCode == Kind);
        }
        if (Region is not null)
        {
            // Within the person's own visibility: a region narrows, never widens.
            var prefix = StaffAccess.Prefix(Region);
            reports = prefix.Length == 6 ? reports.Where(r => r.RegionCode == prefix) : reports.Where(r => r.RegionCode.StartsWith(prefix));
        }
        if (MinPriority is { } min)
        {
            reports = reports.Where(r => r.Priority >= min);
        }
        if (Identity is not null)
        {
            var anonymous = Identity == "anonymous";
            reports = reports.Where(r => r.IsAnonymous == anonymous);
        }
        if (From is { } fromDay)
        {
            var start = policy.DayStartUtc(fromDay);
            reports = reports.Where(r => r.SubmittedAt >= start);
        }
        if (To is { } toDay)
        {
            var end = policy.DayStartUtc(toDay.AddDays(1));
            reports = reports.Where(r => r.SubmittedAt < end);
        }
        if (Q is not null)
        {
            var pattern = "%" + Q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            reports = reports.Where(r => EF.Functions.ILike(r.Description, pattern));
        }
        // Keyset: the cursor is the last row's sort key and id.
        var cursor = Cursor.Parse(after);
        IOrderedQueryable<Core.Reports.Report> ordered;
        switch (Sort)
        {
            case "due":
                // Reports without a running deadline (concluded, referred) come last, as PostgreSQL sorts nulls.
                if (cursor is { Key: < 0 } c0)
                {
                    reports = reports.Where(r => r.DueAt == null && r.Id.CompareTo(c0.Id) > 0);
                }
                else if (cursor is { } c1)
                {
                    var due = new DateTimeOffset(c1.Key, TimeSpan.Zero);
                    reports = reports.Where(r => r.DueAt > due || (r.DueAt == due && r.Id.CompareTo(c1.Id) > 0) || r.DueAt == null);
                }
                ordered = reports.OrderBy(r => r.DueAt).ThenBy(r => r.Id);
                break;
            case "age":
                if (cursor is { } c2)
                {
                    var at = new DateTimeOffset(c2.Key, TimeSpan.Zero);
                    reports = reports.Where(r => r.SubmittedAt > at || (r.SubmittedAt == at && r.Id.CompareTo(c2.Id) > 0));
                }
                ordered = reports.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id);
                break;
            default:
                if (cursor is { } c3)
                {
                    var p = (int)c3.Key;
                    reports = reports.Where(r => r.Priority < p || (r.Priority == p && r.Id.CompareTo(c3.Id) > 0));
                }
                ordered = reports.OrderByDescending(r => r.Priority).ThenBy(r => r.Id);
                break;
        }
        var page = await ordered.Take(PageSize + 1).Select(r => new Components.QueueTable.Row(r.Id, r.TrackingNumber, r.KindCode, r.RegionCode, r.QueueRegionCode!, r.Status, r.Priority,
            r.SubmittedAt, r.DueAt, r.DueState, r.IsAnonymous, r.AssigneeId == me)).ToListAsync(ct);
        Rows = page.Take(PageSize).ToList();
        if (page.Count > PageSize)
        {
            var last = Rows[^1];
            var key = Sort switch
            {
                "due" => last.DueAt?.UtcTicks ?? -1,
                "age" => last.SubmittedAt.UtcTicks,
                _ => last.Priority,
            };
            NextAfter = $"{key}_{last.Id}";
        }
        Kinds = await db.ReportKinds.OrderBy(k => k.SortOrder).ToListAsync(ct);
    }

    private readonly record struct Cursor(long Key, Guid Id)
    {
        public static Cursor? Parse(string? text)
        {
            var parts = (text ?? "").Split('_');
            return parts.Length == 2 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var key) && Guid.TryParse(parts[1], out var id)
                ? new Cursor(key, id) : null;
        }
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Core.Tracking;
using Petitions.Data;
using Petitions.Web.Services;
using Petitions.Web.UseCases.Reports;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// The queues: mine, my jurisdictions' queue, unassigned, due soon, overdue; filters; text search over the
/// description (a trigram index, so it works for Chinese); sorted by priority, due date or age; keyset pages.
/// </summary>
public sealed class IndexModel(AppDbContext db, Infrastructure.ReadDb read, StaffAccess access, TimeLimitPolicy policy, RegionCatalogue regions, ReportActions actions, UseCases.Staff.SavedViews views, StaffQueries staff,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    /// <summary>
    /// Above this many rows the total reads "more than 1,000": counting further would cost more than the page (counting to
    /// 10,000 in the busiest county of ten million took most of its 70–140 ms). The exact figures are on /Oversight.
    /// </summary>
    public const int CountCap = 1_000;

    public string View { get; private set; } = "queue";
    public string Sort { get; private set; } = "priority";
    public string? Kind { get; private set; }
    /// <summary>"" (open reports), "all", or a status name.</summary>
    public string StatusFilter { get; private set; } = "";
    public string? Q { get; private set; }
    /// <summary>The region as typed (a code or a name), for the form; <see cref="RegionCode"/> is what it means.</summary>
    public string? Region { get; private set; }
    public string? RegionCode { get; private set; }
    public string? MinPriority { get; private set; }
    /// <summary>"anonymous", "realname" or null for both.</summary>
    public string? Identity { get; private set; }
    /// <summary>How the reports came in (a <see cref="Core.Reports.ReportChannel"/> name), or null for every channel.</summary>
    public string? Channel { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public IReadOnlyList<ReportKind> Kinds { get; private set; } = [];
    public IReadOnlyList<Components.QueueTable.Row> Rows { get; private set; } = [];
    public string? NextAfter { get; private set; }
    /// <summary>The cursors of the pages before this one, oldest first (the "previous" link pops the last).</summary>
    public IReadOnlyList<string> Trail { get; private set; } = [];
    public string? After { get; private set; }
    /// <summary>How many reports match, up to <see cref="CountCap"/> + 1.</summary>
    public int Total { get; private set; }
    /// <summary>True when the search was a tracking number, matched exactly.</summary>
    public bool ByNumber { get; private set; }
    /// <summary>Messages for the filters that could not be used, by field name.</summary>
    public Dictionary<string, string> FilterErrors { get; } = [];

    /// <summary>People a supervisor may assign to in bulk (empty for officers, who cannot assign).</summary>
    public IReadOnlyList<Candidate> Colleagues { get; private set; } = [];
    [TempData] public string? BulkMessage { get; set; }
    public IReadOnlyList<string> BulkRefused { get; private set; } = [];

    /// <summary>This person's saved views (name and query), shown as links above the queue.</summary>
    public IReadOnlyList<SavedView> SavedViews { get; private set; } = [];

    /// <summary>Saves the current filters under a name (the same name replaces the older view).</summary>
    public async Task<IActionResult> OnPostSaveViewAsync(string? name, string? returnQuery, CancellationToken ct)
    {
        var query = QueueQuery.Safe(returnQuery);
        var outcome = await views.SaveAsync(StaffAccess.UserId(User), name, query, ct);
        BulkMessage = l[outcome.MessageKey!, outcome.Args ?? []];
        return LocalRedirect("/Staff" + query);
    }

    public async Task<IActionResult> OnPostDeleteViewAsync(int id, string? returnQuery, CancellationToken ct)
    {
        var outcome = await views.DeleteAsync(StaffAccess.UserId(User), id, ct);
        BulkMessage = l[outcome.MessageKey!];
        return LocalRedirect("/Staff" + QueueQuery.Safe(returnQuery));
    }

    /// <summary>Claim or assign the chosen rows, each through the same rules as on its own page; back to the same queue with what happened.</summary>
    public async Task<IActionResult> OnPostBulkAsync(string? bulkAction, Guid[] ids, Guid? assignee, string? returnQuery, CancellationToken ct)
    {
        var back = "/Staff" + QueueQuery.Safe(returnQuery);
        if (ids.Length == 0 || bulkAction is not ("Claim" or "Assign") || (bulkAction == "Assign" && assignee is null))
        {
            BulkMessage = l[ids.Length == 0 ? "Staff.Bulk.NoneChosen" : "Staff.Bulk.ChoosePerson"];
            return LocalRedirect(back);
        }
        var action = Enum.Parse<ReportAction>(bulkAction);
        var result = await actions.BulkAsync(User, ids, action, assignee, ct);
        var numbers = await db.Reports.Where(r => result.Refused.Select(x => x.Id).Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.TrackingNumber, ct);
        BulkMessage = l["Staff.Bulk.Result", l["Action." + action].Value, result.Done, result.Refused.Count];
        TempData["BulkRefused"] = string.Join("\n", result.Refused.Select(x =>
            $"{numbers.GetValueOrDefault(x.Id, "?")}: {(x.Outcome.Kind == UseCases.OutcomeKind.NotFound ? l["Staff.Bulk.NotFound"] : l[x.Outcome.MessageKey!, x.Outcome.Args ?? []])}"));
        return LocalRedirect(back);
    }

    public async Task OnGetAsync(string? view, string? sort, string? kind, string? status, string? q, string? after, string? trail,
        string? region, string? minPriority, string? identity, string? from, string? to, CancellationToken ct, string? channel = null)
    {
        Region = string.IsNullOrWhiteSpace(region) ? null : region.Trim();
        MinPriority = string.IsNullOrWhiteSpace(minPriority) ? null : minPriority.Trim();
        From = string.IsNullOrWhiteSpace(from) ? null : from.Trim();
        To = string.IsNullOrWhiteSpace(to) ? null : to.Trim();
        Identity = identity is "anonymous" or "realname" ? identity : null;
        Channel = Enum.TryParse<Core.Reports.ReportChannel>(channel, out var c) && Enum.IsDefined(c) ? c.ToString() : null;
        View = view is "mine" or "unassigned" or "duesoon" or "overdue" ? view : "queue";
        Sort = sort is "due" or "age" ? sort : "priority";
        Kind = string.IsNullOrWhiteSpace(kind) ? null : kind;
        var parsedStatus = Enum.TryParse<ReportStatus>(status, out var statusValue) && Enum.IsDefined(statusValue) ? statusValue : (ReportStatus?)null;
        StatusFilter = status is "all" ? "all" : parsedStatus?.ToString() ?? "";
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 100)];
        After = after;
        Trail = (trail ?? "").Split('~', StringSplitOptions.RemoveEmptyEntries).Where(t => Cursor.Parse(t) is not null || t == "first").Take(200).ToList();

        RegionCode = Region is null ? null : regions.Resolve(Region);
        if (Region is not null && RegionCode is null)
        {
            FilterErrors["region"] = l["Staff.Filter.Region"];
        }
        int? minimum = null;
        if (MinPriority is not null)
        {
            if (int.TryParse(MinPriority, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var m) && m is >= 0 and <= 10_000)
            {
                minimum = m;
            }
            else
            {
                FilterErrors["minPriority"] = l["Staff.Filter.MinPriority"];
            }
        }
        var fromDay = ParseDay(From, "from");
        var toDay = ParseDay(To, "to");
        if (fromDay is { } f0 && toDay is { } t0 && f0 > t0)
        {
            FilterErrors["to"] = l["Staff.Filter.ToBeforeFrom"];
            toDay = null;
        }

        var me = StaffAccess.UserId(User);
        // The list may come from the read replica (at most ReadReplica:MaxLagSeconds old); the report page and every
        // action read the primary.
        var reports = await access.VisibleAsync(User, await read.GetAsync(ct), ct);
        // A tracking number (with or without its dash, any case) finds that report in any view and status.
        if (TrackingCodes.NormalizeTrackingNumber(Q) is { } number)
        {
            ByNumber = true;
            reports = reports.Where(r => r.TrackingNumber == number);
        }
        else
        {
            reports = View switch
            {
                "mine" => reports.Where(r => r.AssigneeId == me),
                "unassigned" => reports.Where(r => r.AssigneeId == null),
                "duesoon" => reports.Where(r => r.DueState == DueState.DueSoon),
                "overdue" => reports.Where(r => r.DueState == DueState.Overdue),
                _ => reports,
            };
            // Without a status filter the queues show open reports only.
            reports = StatusFilter switch
            {
                "all" => reports,
                "" => reports.Where(r => ReportStatuses.Open.Contains(r.Status)),
                _ => reports.Where(r => r.Status == parsedStatus),
            };
            reports = Filter(reports, minimum, fromDay, toDay);
        }
        var matching = reports;
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
        // A first page that is not full holds every match: a search finding a few reports reads the text index once.
        Total = cursor is null && page.Count <= PageSize ? page.Count : await matching.Take(CountCap + 1).CountAsync(ct);
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
        if (Roles.Supervising.Any(User.IsInRole))
        {
            Colleagues = await staff.ColleaguesAsync(me, ct);
        }
        SavedViews = await db.SavedViews.Where(v => v.UserId == me).OrderBy(v => v.Name).ToListAsync(ct);
        BulkRefused = TempData["BulkRefused"] is string refused && refused.Length > 0 ? refused.Split('\n') : [];
    }

    private IQueryable<Core.Reports.Report> Filter(IQueryable<Core.Reports.Report> reports, int? minimum, DateOnly? fromDay, DateOnly? toDay)
    {
        if (Kind is not null)
        {
            reports = reports.Where(r => r.KindCode == Kind);
        }
        if (RegionCode is not null)
        {
            // Within the person's own visibility: a region narrows, never widens.
            reports = reports.Within(r => r.RegionCode, new Reach([RegionCode]));
        }
        if (minimum is { } min)
        {
            reports = reports.Where(r => r.Priority >= min);
        }
        if (Identity is not null)
        {
            var anonymous = Identity == "anonymous";
            reports = reports.Where(r => r.IsAnonymous == anonymous);
        }
        if (Channel is not null)
        {
            var wanted = Enum.Parse<Core.Reports.ReportChannel>(Channel);
            reports = reports.Where(r => r.Channel == wanted);
        }
        if (fromDay is { } first)
        {
            var start = policy.DayStartUtc(first);
            reports = reports.Where(r => r.SubmittedAt >= start);
        }
        if (toDay is { } last)
        {
            var end = policy.DayStartUtc(last.AddDays(1));
            reports = reports.Where(r => r.SubmittedAt < end);
        }
        if (Q is not null)
        {
            var pattern = "%" + Q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            reports = reports.Where(r => EF.Functions.ILike(r.Description, pattern));
        }
        return reports;
    }

    private DateOnly? ParseDay(string? text, string field)
    {
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            && Display.Plausible(day) is { } plausible)
        {
            return plausible;
        }
        FilterErrors[field] = l["Staff.Filter.Day"];
        return null;
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

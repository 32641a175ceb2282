using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Admin;

/// <summary>The audit log: newest first, filtered by action, actor, report and dates; verifies the hash chain.</summary>
public sealed class AuditModel(AppDbContext db, AuditLog audit, AuditCheckpoints checkpoints, Core.Policy.TimeLimitPolicy policy) : PageModel
{
    private const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Report { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    /// <summary>Keyset pagination: entries with a smaller id than this.</summary>
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    public IReadOnlyList<Row> Entries { get; private set; } = [];
    public long? NextBefore { get; private set; }
    public (long Checked, long? FirstBroken)? Verification { get; private set; }
    /// <summary>The checkpoints outside the database, checked against it (after an intact chain).</summary>
    public (int Matching, IReadOnlyList<CheckpointProblem> Problems)? Anchors { get; private set; }

    /// <summary>A checkpoint's time as the page shows times (the portal's time zone).</summary>
    public string Local(DateTimeOffset? at) => at is { } t ? policy.ToLocal(t).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await audit.VerifyAsync(ct);
        if (Verification.Value.FirstBroken is null)
        {
            Anchors = await checkpoints.VerifyAsync(null, ct);
        }
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (Action is { } action)
        {
            q = q.Where(a => a.Action == action);
        }
        if (Report is { } report)
        {
            q = q.Where(a => a.ReportId == report);
        }
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = Actor.Trim();
            var ids = await db.Users.Where(u => u.Email == actor || u.DisplayName == actor).Select(u => u.Id).ToListAsync(ct);
            q = q.Where(a => a.ActorId != null && ids.Contains(a.ActorId.Value));
        }
        From = Display.Plausible(From);
        To = Display.Plausible(To);
        if (From is { } from)
        {
            var start = policy.DayStartUtc(from);
            q = q.Where(a => a.At >= start);
        }
        if (To is { } to)
        {
            var end = policy.DayStartUtc(to.AddDays(1));
            q = q.Where(a => a.At < end);
        }
        if (Before is { } before)
        {
            q = q.Where(a => a.Id < before);
        }
        var page = await q.OrderByDescending(a => a.Id).Take(PageSize + 1)
            .Select(a => new { a.Id, a.At, a.ActorId, a.Action, a.ReportId, a.Detail }).ToListAsync(ct);
        var actorIds = page.Where(p => p.ActorId != null).Select(p => p.ActorId!.Value).Distinct().ToList();
        var names = await db.Users.Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? "", ct);
        Entries = page.Take(PageSize).Select(p => new Row(p.Id, p.At, p.ActorId is { } id ? names.GetValueOrDefault(id, "?") : null, p.Action, p.ReportId, p.Detail)).ToList();
        NextBefore = page.Count > PageSize ? page[PageSize - 1].Id : null;
    }

    public sealed record Row(long Id, DateTimeOffset At, string? Actor, AuditAction Action, Guid? ReportId, string Detail);
}

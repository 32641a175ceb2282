using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Admin;

/// <summary>What the routing and priority rule editors share: find-or-add, save with an audit entry, switch on/off.</summary>
internal static class RuleEditing
{
    /// <summary>The rule to edit, a new one (added), or null for an unknown id.</summary>
    public static async Task<T?> FindOrAddAsync<T>(DbSet<T> set, int? id, Func<T> create, CancellationToken ct) where T : class
    {
        if (id is { } existing)
        {
            return await set.FindAsync([existing], ct);
        }
        var rule = create();
        set.Add(rule);
        return rule;
    }

    public static async Task<IActionResult> SaveAsync<T>(PageModel page, AppDbContext db, AuditLog audit, T rule, CancellationToken ct) where T : ISwitchableRule
    {
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(StaffAccess.UserId(page.User), AuditAction.RuleChanged, null, $"{typeof(T).Name} {rule.Id} saved: {rule.Name} (enabled: {rule.Enabled})", ct);
        return page.RedirectToPage(new { notice = "Admin.Saved" });
    }

    public static async Task<IActionResult> ToggleAsync<T>(PageModel page, AppDbContext db, AuditLog audit, DbSet<T> set, int id, CancellationToken ct)
        where T : class, ISwitchableRule
    {
        if (await set.FindAsync([id], ct) is not { } rule)
        {
            return page.NotFound();
        }
        rule.Enabled = !rule.Enabled;
        return await SaveAsync(page, db, audit, rule, ct);
    }
}

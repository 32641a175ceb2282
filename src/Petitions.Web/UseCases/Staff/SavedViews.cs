using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.UseCases.Staff;

/// <summary>
/// A staff member's saved queue views: a name and the query it stands for, their own and nobody else's. A preference
/// of one person, not a decision about a report, so it is not audited.
/// </summary>
public sealed class SavedViews(AppDbContext db)
{
    public const int MaxName = 100;

    /// <summary>Saves the query under the name; the same name replaces the older view.</summary>
    public async Task<Outcome> SaveAsync(Guid userId, string? name, string query, CancellationToken ct)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxName)
        {
            return Outcome.Invalid("name", "Staff.Views.NameNeeded");
        }
        var existing = await db.SavedViews.SingleOrDefaultAsync(v => v.UserId == userId && v.Name == name, ct);
        if (existing is null)
        {
            db.SavedViews.Add(new SavedView { UserId = userId, Name = name, Query = query });
        }
        else
        {
            existing.Query = query;
        }
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Staff.Views.Saved", name);
    }

    /// <summary>Deletes one of the person's own views (another's id deletes nothing).</summary>
    public async Task<Outcome> DeleteAsync(Guid userId, int id, CancellationToken ct)
    {
        await db.SavedViews.Where(v => v.Id == id && v.UserId == userId).ExecuteDeleteAsync(ct);
        return Outcome.Done("Staff.Views.Deleted");
    }
}

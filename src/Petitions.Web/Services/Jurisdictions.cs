using Microsoft.EntityFrameworkCore;
using Petitions.Core.Regions;
using Petitions.Data;

namespace Petitions.Web.Services;

/// <summary>Reads a staff member's jurisdictions as a <see cref="Reach"/>: the one place they are loaded for a check.</summary>
public sealed class Jurisdictions(AppDbContext db)
{
    public async Task<Reach> OfAsync(Guid userId, CancellationToken ct) =>
        new(await db.Jurisdictions.Where(j => j.UserId == userId).Select(j => j.RegionCode).ToListAsync(ct));

    /// <summary>The reach of each of these people (for lists that offer colleagues).</summary>
    public async Task<Dictionary<Guid, Reach>> OfAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        var rows = await db.Jurisdictions.Where(j => userIds.Contains(j.UserId)).Select(j => new { j.UserId, j.RegionCode }).ToListAsync(ct);
        var lookup = rows.ToLookup(r => r.UserId, r => r.RegionCode);
        return userIds.Distinct().ToDictionary(id => id, id => new Reach(lookup[id]));
    }
}

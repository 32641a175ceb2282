using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Data;

namespace Petitions.Web.Services;

/// <summary>
/// Loads the legal regimes from the database into the time-limit policy: at start-up, after an administrator saves one,
/// and on each time-limit sweep (so every site process picks up a change within a minute).
/// </summary>
public static class Regimes
{
    public static async Task LoadAsync(AppDbContext db, TimeLimitPolicy policy, CancellationToken ct)
    {
        var loaded = await db.LegalRegimes.AsNoTracking().ToListAsync(ct);
        if (loaded.Count > 0)
        {
            policy.UseRegimes(loaded);
        }
    }
}

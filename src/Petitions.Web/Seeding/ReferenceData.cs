using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Reports;
using Petitions.Data;

namespace Petitions.Web.Seeding;

/// <summary>Roles and the starting list of report kinds; safe to run at every start.</summary>
public sealed class ReferenceData(AppDbContext db, RoleManager<IdentityRole<Guid>> roles)
{
    public async Task EnsureAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }
        var existing = await db.ReportKinds.Select(k => k.Code).ToListAsync();
        foreach (var kind in ReportKind.StartingList.Where(k => !existing.Contains(k.Code)))
        {
            db.ReportKinds.Add(new ReportKind { Code = kind.Code, NameZh = kind.NameZh, NameEn = kind.NameEn, SortOrder = kind.SortOrder });
        }
        await db.SaveChangesAsync();
    }
}

using Microsoft.EntityFrameworkCore;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;

namespace Petitions.Web.Services;

/// <summary>Who covers a region, who may work a report, and who counts as staff for the conflict check.</summary>
public sealed class StaffQueries(AppDbContext db, RegionCatalogue regions)
{
    /// <summary>Enabled staff in <paramref name="roles"/> bound to the region or to a city or province that contains it.</summary>
    public async Task<List<Guid>> CoveringAsync(string regionCode, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        var codes = regions.Lineage(regionCode).Select(r => r.Code).ToList();
        return await (from j in db.Jurisdictions
                      where codes.Contains(j.RegionCode)
                      join u in db.Users on j.UserId equals u.Id
                      where !u.Disabled
                      where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!)))
                      select u.Id).Distinct().ToListAsync(ct);
    }

    /// <summary>True when the person covers the report's queue in a working role and is not excluded from it.</summary>
    public async Task<bool> MayWorkAsync(Report report, Guid userId, CancellationToken ct) =>
        report.QueueRegionCode is { } queue
        && (await CoveringAsync(queue, Roles.Working, ct)).Contains(userId)
        && !await db.Exclusions.AnyAsync(e => e.ReportId == report.Id && e.UserId == userId, ct);

    /// <summary>Staff with a recorded name or unit, as the conflict-of-interest check compares them.</summary>
    public async Task<List<StaffIdentity>> IdentitiesAsync(CancellationToken ct) =>
        await (from u in db.Users
               where u.DisplayName != null || u.Unit != null
               where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && Roles.Staff.Contains(r.Name!)))
               select new StaffIdentity(u.Id, u.DisplayName, u.Unit)).ToListAsync(ct);
}

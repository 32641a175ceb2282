using Microsoft.EntityFrameworkCore;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;

namespace Petitions.Web.Services;

/// <summary>Who covers a region, who may work a report, and who counts as staff for the conflict check.</summary>
public sealed class StaffQueries(AppDbContext db, RegionCatalogue regions, Jurisdictions jurisdictions)
{
    /// <summary>Everyone holding one of <paramref name="roles"/>: the one way the portal asks "who is in these roles".</summary>
    public IQueryable<AppUser> InRoles(IReadOnlyCollection<string> roles) =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))));

    /// <summary>Enabled staff in <paramref name="roles"/> bound to the region or to a city or province that contains it.</summary>
    public async Task<List<Guid>> CoveringAsync(string regionCode, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        var codes = regions.Lineage(regionCode).Select(r => r.Code).ToList();
        return await (from j in db.Jurisdictions
                      where codes.Contains(j.RegionCode)
                      join u in InRoles(roles) on j.UserId equals u.Id
                      where !u.Disabled
                      select u.Id).Distinct().ToListAsync(ct);
    }

    /// <summary>True when the person covers the report's queue in a working role and is not excluded from it.</summary>
    public async Task<bool> MayWorkAsync(Report report, Guid userId, CancellationToken ct) =>
        report.QueueRegionCode is { } queue
        && (await CoveringAsync(queue, Roles.Working, ct)).Contains(userId)
        && !await db.Exclusions.AnyAsync(e => e.ReportId == report.Id && e.UserId == userId, ct);

    /// <summary>
    /// Who may take the report (working roles covering its queue, enabled, not excluded from it), with how many open
    /// reports each has now, fewest first: the list a supervisor assigns from.
    /// </summary>
    public async Task<List<Candidate>> CandidatesAsync(Report report, CancellationToken ct)
    {
        if (report.QueueRegionCode is not { } queue)
        {
            return [];
        }
        var covering = await CoveringAsync(queue, Roles.Working, ct);
        var excluded = await db.Exclusions.Where(e => e.ReportId == report.Id).Select(e => e.UserId).ToListAsync(ct);
        return await WithLoadAsync(covering.Except(excluded).ToList(), ct);
    }

    /// <summary>
    /// Working staff whose jurisdictions overlap this person's (inside or above them), with their open reports: the
    /// list a bulk assignment picks from. Each report still checks that the person may take it.
    /// </summary>
    public async Task<List<Candidate>> ColleaguesAsync(Guid userId, CancellationToken ct)
    {
        var mine = await jurisdictions.OfAsync(userId, ct);
        var working = await (from j in db.Jurisdictions
                             join u in InRoles(Roles.Working) on j.UserId equals u.Id
                             where !u.Disabled
                             select new { j.UserId, j.RegionCode }).ToListAsync(ct);
        return await WithLoadAsync(working.GroupBy(w => w.UserId).Where(g => mine.Overlaps(new Reach(g.Select(w => w.RegionCode))))
            .Select(g => g.Key).ToList(), ct);
    }

    /// <summary>These people with their names, units and open reports, fewest first.</summary>
    private async Task<List<Candidate>> WithLoadAsync(List<Guid> ids, CancellationToken ct)
    {
        var load = await db.Reports.Where(r => r.AssigneeId != null && ids.Contains(r.AssigneeId.Value) && ReportStatuses.Open.Contains(r.Status))
            .GroupBy(r => r.AssigneeId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var people = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email, u.Unit }).ToListAsync(ct);
        return people.Select(u => new Candidate(u.Id, u.DisplayName ?? u.Email ?? "", u.Unit, load.GetValueOrDefault(u.Id)))
            .OrderBy(c => c.OpenReports).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Staff with a recorded name or unit, as the conflict-of-interest check compares them.</summary>
    public async Task<List<StaffIdentity>> IdentitiesAsync(CancellationToken ct) =>
        await (from u in InRoles(Roles.Staff)
               where u.DisplayName != null || u.Unit != null
               select new StaffIdentity(u.Id, u.DisplayName, u.Unit)).ToListAsync(ct);
}

/// <summary>A person a report may be assigned to, and how many open reports they hold.</summary>
public sealed record Candidate(Guid Id, string Name, string? Unit, int OpenReports);

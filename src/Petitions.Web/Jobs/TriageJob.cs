using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Triage;
using Petitions.Data;

namespace Petitions.Web.Jobs;

/// <summary>
/// Triage of one new report: routing, priority with its explanation, possibly related reports, conflict-of-interest
/// exclusions, due dates and the officers' notifications. Takes an id only. Everything happens under a row lock in
/// one transaction that ends by setting TriagedAt, so a second run finds it done and changes nothing.
/// </summary>
public sealed class TriageJob(
    AppDbContext db, RegionCatalogue regions, TimeLimitPolicy policy, TimeProvider clock,
    IBackgroundJobClient jobs, ILogger<TriageJob> logger)
{
    /// <summary>Related reports are looked for this far back.</summary>
    public static readonly TimeSpan RelatedWindow = TimeSpan.FromDays(730);

    /// <summary>pg_trgm similarity from which two descriptions count as near-duplicates.</summary>
    public const double SimilarityThreshold = 0.45;

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800])]
    [Queue("critical")]
    public async Task RunAsync(Guid reportId, CancellationToken ct)
    {
        // The retrying strategy replays the whole unit, transaction included, on a transient failure.
        var notified = await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token => await TriageOnceAsync(reportId, token));
        if (notified is null)
        {
            return;
        }
        logger.LogInformation("Report {ReportId} triaged", reportId);
        if (notified > 0)
        {
            jobs.Enqueue<NotificationJob>(j => j.SendForReportAsync(reportId, CancellationToken.None));
        }
    }

    /// <summary>Null when there was nothing to do (gone or done), else the number of notifications owed.</summary>
    private async Task<int?> TriageOnceAsync(Guid reportId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var report = await db.Reports
            .FromSql($"SELECT r.*, r.xmin FROM reports r WHERE r.\"Id\" = {reportId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (report is null || report.TriagedAt is not null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var people = await db.NamedPeople.Where(p => p.ReportId == reportId).ToListAsync(ct);
        var names = people.Select(p => p.Name?.Trim()).Where(n => !string.IsNullOrEmpty(n)).Distinct().Cast<string>().ToList();
        var units = people.Select(p => p.Unit?.Trim()).Where(u => !string.IsNullOrEmpty(u)).Distinct().Cast<string>().ToList();
        var since = report.SubmittedAt - RelatedWindow;

        // Routing.
        var lineage = regions.Lineage(report.RegionCode);
        var routing = Router.Route(await db.RoutingRules.AsNoTracking().ToListAsync(ct), lineage, report.KindCode);
        report.QueueRegionCode = routing.QueueRegionCode;

        // Related reports: the same person or unit named, or near-duplicate text, within two years.
        var links = new List<ReportLink>();
        if (names.Count > 0 || units.Count > 0)
        {
            var shared = await db.NamedPeople
                .Where(p => p.ReportId != reportId && ((p.Name != null && names.Contains(p.Name)) || (p.Unit != null && units.Contains(p.Unit))))
                .Join(db.Reports.Where(r => r.SubmittedAt >= since && r.SubmittedAt <= report.SubmittedAt), p => p.ReportId, r => r.Id, (p, r) => new { p.ReportId, p.Name, p.Unit })
                .Take(200).ToListAsync(ct);
            foreach (var s in shared)
            {
                if (s.Name is not null && names.Contains(s.Name))
                {
                    AddLink(links, reportId, s.ReportId, LinkReason.SamePerson, s.Name, now);
                }
                if (s.Unit is not null && units.Contains(s.Unit))
                {
                    AddLink(links, reportId, s.ReportId, LinkReason.SameUnit, s.Unit, now);
                }
            }
        }
        var similar = await db.Database.SqlQuery<SimilarRow>($"""
            SELECT r."Id" AS "Id", similarity(r."Description", {report.Description}) AS "Similarity"
            FROM reports r
            WHERE r."Id" <> {reportId} AND r."SubmittedAt" >= {since} AND r."SubmittedAt" <= {report.SubmittedAt}
              AND r."Description" % {report.Description}
            ORDER BY 2 DESC LIMIT 10
            """).ToListAsync(ct);
        foreach (var s in similar.Where(s => s.Similarity >= SimilarityThreshold))
        {
            AddLink(links, reportId, s.Id, LinkReason.SimilarText, s.Similarity.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), now);
        }
        db.ReportLinks.AddRange(links);

        // Priority, each rule's share stored.
        var samePerson = links.Where(l => l.Reason == LinkReason.SamePerson).Select(l => l.RelatedReportId).Distinct().Count();
        var facts = new PriorityFacts(report.Description, report.AmountYuan, report.CardsOrPeople, report.IsAnonymous, units, samePerson);
        var contributions = PriorityScorer.Score(await db.PriorityRules.AsNoTracking().ToListAsync(ct), facts);
        db.PriorityItems.AddRange(contributions.Select(c => new ReportPriorityItem
        {
            ReportId = reportId, RuleId = c.RuleId, RuleName = c.RuleName, Points = c.Points, Reason = Truncate(c.Reason, 300),
        }));
        report.Priority = contributions.Sum(c => c.Points);

        // Conflict of interest: staff named, or whose unit is named, are excluded.
        var staff = await StaffIdentitiesAsync(ct);
        var exclusions = ConflictChecker.Find(staff, people.Select(p => new NamedParty(p.Name, p.Unit)).ToList());
        db.Exclusions.AddRange(exclusions.Select(e => new ReportExclusion { ReportId = reportId, UserId = e.UserId, Reason = Truncate(e.Reason, 300), At = now }));

        // Due dates.
        report.AcceptanceDueAt ??= policy.AcceptanceDue(report.SubmittedAt);
        report.DueState = policy.StateOf(report.AcceptanceDueAt, now);

        // The queue's officers, minus the excluded, are told there is a new report (sent after commit).
        var excluded = exclusions.Select(e => e.UserId).ToHashSet();
        var officers = (await OfficersCoveringAsync(routing.QueueRegionCode, Roles.Officer, ct)).Where(id => !excluded.Contains(id)).ToList();
        db.Notifications.AddRange(officers.Select(id => new Notification { ReportId = reportId, UserId = id, Kind = NotificationKind.NewReport, CreatedAt = now }));

        report.TriagedAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return officers.Count;
    }

    private static void AddLink(List<ReportLink> links, Guid reportId, Guid relatedId, LinkReason reason, string detail, DateTimeOffset now)
    {
        if (!links.Any(l => l.RelatedReportId == relatedId && l.Reason == reason))
        {
            links.Add(new ReportLink { ReportId = reportId, RelatedReportId = relatedId, Reason = reason, Detail = Truncate(detail, 300), At = now });
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private async Task<List<StaffIdentity>> StaffIdentitiesAsync(CancellationToken ct)
    {
        var staffRoles = new[] { Roles.Officer, Roles.Supervisor, Roles.Admin };
        return await (from u in db.Users
                      where u.DisplayName != null || u.Unit != null
                      where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && staffRoles.Contains(r.Name!)))
                      select new StaffIdentity(u.Id, u.DisplayName, u.Unit)).ToListAsync(ct);
    }

    /// <summary>Active accounts in <paramref name="role"/> whose jurisdiction contains the region.</summary>
    private async Task<List<Guid>> OfficersCoveringAsync(string regionCode, string role, CancellationToken ct) =>
        await StaffQueries.CoveringAsync(db, regions, regionCode, role, ct);

    private sealed record SimilarRow(Guid Id, double Similarity);
}

/// <summary>Who covers a region: staff bound to it or to a city or province that contains it.</summary>
public static class StaffQueries
{
    public static async Task<List<Guid>> CoveringAsync(AppDbContext db, RegionCatalogue regions, string regionCode, string role, CancellationToken ct)
    {
        var codes = regions.Lineage(regionCode).Select(r => r.Code).ToList();
        return await (from j in db.Jurisdictions
                      where codes.Contains(j.RegionCode)
                      join u in db.Users on j.UserId equals u.Id
                      where !u.Disabled
                      where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role))
                      select u.Id).Distinct().ToListAsync(ct);
    }
}

/// <summary>
/// The outbox: a report whose triage job was lost (a crash between commit and enqueue) is still
/// untriaged after a minute; this recurring job enqueues it again. Triage is idempotent. Notifications
/// still unsent after a minute are sent again the same way.
/// </summary>
public sealed class TriageOutboxJob(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string Id = "triage-outbox";

    [DisableConcurrentExecution(60)]
    public async Task RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddMinutes(-1);
        var owed = await db.Reports.Where(r => r.TriagedAt == null && r.SubmittedAt < cutoff)
            .OrderBy(r => r.SubmittedAt).Select(r => r.Id).Take(1000).ToListAsync(ct);
        foreach (var id in owed)
        {
            jobs.Enqueue<TriageJob>(j => j.RunAsync(id, CancellationToken.None));
        }
        var unsent = await db.Notifications.Where(n => n.SentAt == null && n.CreatedAt < cutoff)
            .Select(n => n.ReportId).Distinct().Take(1000).ToListAsync(ct);
        foreach (var id in unsent)
        {
            jobs.Enqueue<NotificationJob>(j => j.SendForReportAsync(id, CancellationToken.None));
        }
    }
}

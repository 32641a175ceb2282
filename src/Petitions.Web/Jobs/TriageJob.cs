using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Triage;
using Petitions.Data;

namespace Petitions.Web.Jobs;

/// <summary>
/// Triage of new reports: routing, priority with its explanation, possibly related reports, conflict-of-interest
/// exclusions, due dates and the officers' notifications. Each report is triaged under its row lock in a
/// transaction that ends by setting TriagedAt, so a second run finds it done and changes nothing.
/// <para>
/// New reports are the outbox (TriagedAt is null until triage commits). A submission raises the
/// <see cref="TriageSignal"/>, which enqueues one <see cref="DrainAsync"/> unless one is already waiting; the
/// drain claims pending reports in small batches (FOR UPDATE SKIP LOCKED, so drains on several instances never
/// collide) with a few parallel loops. A burst of reports is thus a handful of Hangfire jobs, not one per report.
/// <see cref="RunAsync"/> triages one report by id, with the very same code.
/// </para>
/// </summary>
public sealed class TriageJob(
    IServiceScopeFactory scopes, AppDbContext db, RegionCatalogue regions, TimeLimitPolicy policy, TimeProvider clock,
    IBackgroundJobClient jobs, Microsoft.Extensions.Options.IOptions<Infrastructure.PetitionsOptions> options, ILogger<TriageJob> logger)
{
    /// <summary>Related reports are looked for this far back.</summary>
    public static readonly TimeSpan RelatedWindow = TimeSpan.FromDays(730);

    /// <summary>pg_trgm similarity from which two descriptions count as near-duplicates.</summary>
    public const double SimilarityThreshold = 0.45;

    /// <summary>Reports claimed per transaction by a drain loop.</summary>
    public const int BatchSize = 20;

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800])]
    [Queue("critical")]
    public async Task RunAsync(Guid reportId, CancellationToken ct)
    {
        // The retrying strategy replays the whole unit, transaction included, on a transient failure.
        var notify = await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
            await TriageBatchAsync(db, $"SELECT r.*, r.xmin FROM reports r WHERE r.\"Id\" = {reportId} AND r.\"TriagedAt\" IS NULL FOR NO KEY UPDATE", token));
        AfterCommit(notify);
    }

    /// <summary>Triages every pending report, in parallel loops of small batches, until none is left.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800])]
    [Queue("critical")]
    public async Task DrainAsync(CancellationToken ct)
    {
        await TriageSignal.ClearAsync(db, ct);
        var loops = Math.Max(1, options.Value.TriageParallelism);
        var total = await Task.WhenAll(Enumerable.Range(0, loops).Select(_ => DrainLoopAsync(ct)));
        if (total.Sum() > 0)
        {
            logger.LogInformation("Triaged {Count} reports", total.Sum());
        }
    }

    private async Task<int> DrainLoopAsync(CancellationToken ct)
    {
        var count = 0;
        while (!ct.IsCancellationRequested)
        {
            using var scope = scopes.CreateScope();
            var loopDb = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var notify = await loopDb.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
                await TriageBatchAsync(loopDb, $"SELECT r.*, r.xmin FROM reports r WHERE r.\"TriagedAt\" IS NULL ORDER BY r.\"SubmittedAt\" LIMIT {BatchSize} FOR NO KEY UPDATE SKIP LOCKED", token));
            if (notify is null)
            {
                return count;
            }
            count += notify.Triaged;
            AfterCommit(notify);
        }
        return count;
    }

    private void AfterCommit(BatchResult? result)
    {
        foreach (var id in result?.Notify ?? [])
        {
            jobs.Enqueue<NotificationJob>(j => j.SendForReportAsync(id, CancellationToken.None));
        }
    }

    private sealed record BatchResult(int Triaged, List<Guid> Notify);

    /// <summary>Claims reports with <paramref name="claim"/> (row locks) and triages each; null when none was claimed.</summary>
    private async Task<BatchResult?> TriageBatchAsync(AppDbContext context, FormattableString claim, CancellationToken ct)
    {
        context.ChangeTracker.Clear();
        await using var tx = await context.Database.BeginTransactionAsync(ct);
        var reports = await context.Reports.FromSql(claim).ToListAsync(ct);
        if (reports.Count == 0)
        {
            return null;
        }
        var rules = new Rules(
            await context.RoutingRules.AsNoTracking().ToListAsync(ct),
            await context.PriorityRules.AsNoTracking().ToListAsync(ct),
            await StaffIdentitiesAsync(context, ct));
        var notify = new List<Guid>();
        foreach (var report in reports)
        {
            if (await TriageAsync(context, report, rules, ct) > 0)
            {
                notify.Add(report.Id);
            }
        }
        await context.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new BatchResult(reports.Count, notify);
    }

    private sealed record Rules(List<RoutingRule> Routing, List<PriorityRule> Priority, List<StaffIdentity> Staff);

    /// <summary>Triages one locked report; returns the number of notifications owed.</summary>
    private async Task<int> TriageAsync(AppDbContext db, Core.Reports.Report report, Rules rules, CancellationToken ct)
    {
        var reportId = report.Id;
        var now = clock.GetUtcNow();
        var people = await db.NamedPeople.Where(p => p.ReportId == reportId).ToListAsync(ct);
        var names = people.Select(p => p.Name?.Trim()).Where(n => !string.IsNullOrEmpty(n)).Distinct().Cast<string>().ToList();
        var units = people.Select(p => p.Unit?.Trim()).Where(u => !string.IsNullOrEmpty(u)).Distinct().Cast<string>().ToList();
        var since = report.SubmittedAt - RelatedWindow;

        // Routing.
        var lineage = regions.Lineage(report.RegionCode);
        var routing = Router.Route(rules.Routing, lineage, report.KindCode);
        report.QueueRegionCode = routing.QueueRegionCode;

        // Related reports within two years: the same person (same name, and the same unit or the same
        // county: "王某" alone names thousands of people), the same unit, or near-duplicate text.
        var links = new List<ReportLink>();
        if (names.Count > 0 || units.Count > 0)
        {
            var shared = await db.NamedPeople
                .Where(p => p.ReportId != reportId && ((p.Name != null && names.Contains(p.Name)) || (p.Unit != null && units.Contains(p.Unit))))
                .Join(db.Reports.Where(r => r.SubmittedAt >= since && r.SubmittedAt <= report.SubmittedAt), p => p.ReportId, r => r.Id,
                    (p, r) => new { p.ReportId, p.Name, p.Unit, r.RegionCode, r.SubmittedAt })
                .OrderByDescending(x => x.SubmittedAt).Take(500).ToListAsync(ct);
            foreach (var s in shared)
            {
                var sameUnit = s.Unit is not null && units.Contains(s.Unit);
                if (s.Name is not null && people.Any(p => p.Name?.Trim() == s.Name && (p.Unit?.Trim() == s.Unit || s.RegionCode == report.RegionCode)))
                {
                    AddLink(links, reportId, s.ReportId, LinkReason.SamePerson, s.Name, now);
                }
                if (sameUnit)
                {
                    AddLink(links, reportId, s.ReportId, LinkReason.SameUnit, s.Unit!, now);
                }
            }
        }
        // Near-duplicate text about the same place (the report's own region: county, or city or province when
        // filed there). Fraud is local; a near-duplicate elsewhere is caught by the names and units above, and the
        // bound keeps the trigram comparison to a few hundred rows (found by the region index) however large the
        // table grows; the % operator would send the planner to the trigram index and compare thousands.
        var similar = await db.Database.SqlQuery<SimilarRow>($"""
            SELECT r."Id" AS "Id", similarity(r."Description", {report.Description}) AS "Similarity"
            FROM reports r
            WHERE r."Id" <> {reportId} AND r."SubmittedAt" >= {since} AND r."SubmittedAt" <= {report.SubmittedAt}
              AND r."RegionCode" = {report.RegionCode}::char(6)
              AND similarity(r."Description", {report.Description}) >= {SimilarityThreshold}
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
        var contributions = PriorityScorer.Score(rules.Priority, facts);
        db.PriorityItems.AddRange(contributions.Select(c => new ReportPriorityItem
        {
            ReportId = reportId, RuleId = c.RuleId, RuleName = c.RuleName, Points = c.Points, Reason = Truncate(c.Reason, 300),
        }));
        report.Priority = contributions.Sum(c => c.Points);

        // Conflict of interest: staff named, or whose unit is named, are excluded.
        var exclusions = ConflictChecker.Find(rules.Staff, people.Select(p => new NamedParty(p.Name, p.Unit)).ToList());
        db.Exclusions.AddRange(exclusions.Select(e => new ReportExclusion { ReportId = reportId, UserId = e.UserId, Reason = Truncate(e.Reason, 300), At = now }));

        // Due dates.
        report.AcceptanceDueAt ??= policy.AcceptanceDue(report.SubmittedAt);
        report.DueState = policy.StateOf(report.AcceptanceDueAt, now);

        // The queue's officers, minus the excluded, are told there is a new report (sent after commit).
        var excluded = exclusions.Select(e => e.UserId).ToHashSet();
        var officers = (await StaffQueries.CoveringAsync(db, regions, routing.QueueRegionCode, Roles.Officer, ct)).Where(id => !excluded.Contains(id)).ToList();
        db.Notifications.AddRange(officers.Select(id => new Notification { ReportId = reportId, UserId = id, Kind = NotificationKind.NewReport, CreatedAt = now }));

        report.TriagedAt = now;
        return officers.Count;
    }

    /// <summary>At most this many links of one reason: the most recent reports, enough for an officer to follow.</summary>
    public const int MaxLinksPerReason = 20;

    private static void AddLink(List<ReportLink> links, Guid reportId, Guid relatedId, LinkReason reason, string detail, DateTimeOffset now)
    {
        if (links.Count(l => l.Reason == reason) < MaxLinksPerReason && !links.Any(l => l.RelatedReportId == relatedId && l.Reason == reason))
        {
            links.Add(new ReportLink { ReportId = reportId, RelatedReportId = relatedId, Reason = reason, Detail = Truncate(detail, 300), At = now });
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static async Task<List<StaffIdentity>> StaffIdentitiesAsync(AppDbContext db, CancellationToken ct)
    {
        var staffRoles = new[] { Roles.Officer, Roles.Supervisor, Roles.Admin };
        return await (from u in db.Users
                      where u.DisplayName != null || u.Unit != null
                      where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && staffRoles.Contains(r.Name!)))
                      select new StaffIdentity(u.Id, u.DisplayName, u.Unit)).ToListAsync(ct);
    }

    private sealed record SimilarRow(Guid Id, double Similarity);
}

/// <summary>Who covers a region: staff bound to it or to a city or province that contains it.</summary>
public static class StaffQueries
{
    public static Task<List<Guid>> CoveringAsync(AppDbContext db, RegionCatalogue regions, string regionCode, string role, CancellationToken ct) =>
        CoveringAsync(db, regions, regionCode, [role], ct);

    public static async Task<List<Guid>> CoveringAsync(AppDbContext db, RegionCatalogue regions, string regionCode, string[] roles, CancellationToken ct)
    {
        var codes = regions.Lineage(regionCode).Select(r => r.Code).ToList();
        return await (from j in db.Jurisdictions
                      where codes.Contains(j.RegionCode)
                      join u in db.Users on j.UserId equals u.Id
                      where !u.Disabled
                      where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!)))
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
        if (await db.Reports.AnyAsync(r => r.TriagedAt == null && r.SubmittedAt < cutoff, ct))
        {
            jobs.Enqueue<TriageJob>(j => j.DrainAsync(CancellationToken.None));
        }
        var unsent = await db.Notifications.Where(n => n.SentAt == null && n.CreatedAt < cutoff)
            .Select(n => n.ReportId).Distinct().Take(1000).ToListAsync(ct);
        foreach (var id in unsent)
        {
            jobs.Enqueue<NotificationJob>(j => j.SendForReportAsync(id, CancellationToken.None));
        }
    }
}

/// <summary>
/// "There are reports to triage": one row whose flag is set by submissions and cleared by a starting drain.
/// Only the submission that flips it enqueues a drain, so a burst enqueues a handful of jobs, while a report
/// committed after a drain started flips it again and gets a drain of its own.
/// </summary>
public static class TriageSignal
{
    public static async Task RaiseAsync(AppDbContext db, IBackgroundJobClient jobs, CancellationToken ct)
    {
        var flipped = await db.Database.ExecuteSqlAsync($"UPDATE triage_signal SET \"Pending\" = true WHERE \"Id\" = 1 AND NOT \"Pending\"", ct);
        if (flipped > 0)
        {
            jobs.Enqueue<TriageJob>(j => j.DrainAsync(CancellationToken.None));
        }
    }

    public static Task ClearAsync(AppDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"UPDATE triage_signal SET \"Pending\" = false WHERE \"Id\" = 1", ct);
}

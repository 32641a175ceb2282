using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Jobs.Triage;

/// <summary>
/// Triage of one report, under its row lock, inside the drain's transaction: routing, related reports, priority
/// with its explanation, conflict-of-interest exclusions, the due date and the officers' notifications. Every
/// decision is a Core rule (<see cref="Router"/>, <see cref="RelatedReports"/>, <see cref="PriorityScorer"/>,
/// <see cref="ConflictChecker"/>); this class fetches what they need and stores what they decide. Setting
/// TriagedAt last makes a second run find the report done.
/// </summary>
public sealed class TriageReport(AppDbContext db, RegionCatalogue regions, TimeLimitPolicy policy, TimeProvider clock, StaffQueries staff, CampaignLessons lessons)
{
    public sealed record Rules(List<RoutingRule> Routing, List<PriorityRule> Priority, List<StaffIdentity> Staff,
        IReadOnlyDictionary<string, CampaignLessons.Lesson> Lessons)
    {
        /// <summary>The officers covering each queue, read once per batch when a report of the batch is routed there.</summary>
        public Dictionary<string, List<Guid>> Officers { get; } = [];
    }

    /// <summary>The rules and staff identities, read once per batch.</summary>
    public async Task<Rules> LoadRulesAsync(CancellationToken ct) => new(
        await db.RoutingRules.AsNoTracking().ToListAsync(ct),
        await db.PriorityRules.AsNoTracking().ToListAsync(ct),
        await staff.IdentitiesAsync(ct),
        await lessons.GetAsync(db, ct));

    /// <summary>Triages one locked report, with the people it names; returns the number of notifications owed (sent after commit).</summary>
    public async Task<int> TriageAsync(Report report, IReadOnlyList<NamedPerson> people, Rules rules, TriageRows rows, CancellationToken ct)
    {
        using var span = Infrastructure.Tracing.StartForReport("report.triage", report.Id);
        var now = clock.GetUtcNow();
        var named = people.Select(p => new NamedParty(p.Name, p.Unit)).ToList();

        var lineage = regions.Lineage(report.RegionCode);
        var routing = Router.Route(rules.Routing, lineage, report.KindCode);
        report.QueueRegionCode = routing.QueueRegionCode;
        if (report.TransferredToRegionCode is { } transferred)
        {
            // Transferred to another jurisdiction in the portal: triaged again there, in the queue it was sent to, with
            // links and priority worked out afresh (the first triage's are replaced).
            routing = routing with { QueueRegionCode = transferred };
            report.QueueRegionCode = transferred;
            await db.PriorityItems.Where(p => p.ReportId == report.Id).ExecuteDeleteAsync(ct);
            await db.ReportLinks.Where(l => l.ReportId == report.Id).ExecuteDeleteAsync(ct);
            await db.Exclusions.Where(e => e.ReportId == report.Id).ExecuteDeleteAsync(ct);
        }
        // A campaign's lesson (Router.LessonQueue): the report page names the campaign and the rate.
        if (Router.LessonQueue(lineage, routing.QueueRegionCode, report.TransferredToRegionCode is not null, rules.Lessons.ContainsKey) is { } up)
        {
            var lesson = rules.Lessons[lineage.First(r => r.Level == RegionLevel.County).Code];
            report.QueueRegionCode = up;
            report.RoutedByCampaignId = lesson.CampaignId;
            report.RoutedOverturnRate = lesson.Rate;
        }
        var queueRegion = report.QueueRegionCode;

        var links = RelatedReports.Find(named, report.RegionCode, await NamedEarlierAsync(report, named, ct), await SimilarEarlierAsync(report, ct));
        rows.Add(links.Select(l => new ReportLink { ReportId = report.Id, RelatedReportId = l.RelatedReportId, Reason = l.Reason, Detail = l.Detail, At = now }));

        var samePerson = links.Where(l => l.Reason == LinkReason.SamePerson).Select(l => l.RelatedReportId).Distinct().Count();
        var units = RelatedReports.Keys(named).Units;
        var contributions = PriorityScorer.Score(rules.Priority, new PriorityFacts(report.Description, report.AmountYuan, report.CardsOrPeople, report.IsAnonymous, units, samePerson));
        rows.Add(contributions.Select(c => new ReportPriorityItem
        {
            ReportId = report.Id, RuleId = c.RuleId, RuleName = c.RuleName, RuleNameEn = c.RuleNameEn, Points = c.Points, Reason = Truncate(c.Reason, 300),
        }));
        report.Priority = contributions.Sum(c => c.Points);

        var exclusions = ConflictChecker.Find(rules.Staff, named);
        db.Exclusions.AddRange(exclusions.Select(e => new ReportExclusion { ReportId = report.Id, UserId = e.UserId, Reason = Truncate(e.Reason, 300), At = now }));

        report.DueState = policy.StateOf(report.DueAt, now);

        // The queue's officers, minus the excluded, are told there is a new report.
        var excluded = exclusions.Select(e => e.UserId).ToHashSet();
        if (!rules.Officers.TryGetValue(queueRegion, out var covering))
        {
            rules.Officers[queueRegion] = covering = await staff.CoveringAsync(queueRegion, [Roles.Officer], ct);
        }
        var officers = covering.Where(id => !excluded.Contains(id)).ToList();
        if (report.TransferredToRegionCode is not null)
        {
            // Those who covered both queues were told at the first triage.
            var told = await db.Notifications.Where(n => n.ReportId == report.Id && n.Kind == NotificationKind.NewReport).Select(n => n.UserId).ToListAsync(ct);
            officers.RemoveAll(told.Contains);
        }
        db.Notifications.AddRange(officers.Select(id => new Notification { ReportId = report.Id, UserId = id, Kind = NotificationKind.NewReport, CreatedAt = now }));

        report.TriagedAt = now;
        return officers.Count;
    }

    /// <summary>
    /// Earlier reports within the window that name the same person (the same name in the same county, or the same name
    /// with the same unit) or the same unit, most recent first. Each named person's row carries its report's region and
    /// time, so each key is one backwards read of its index (<see cref="RelatedReports.NamedCandidatesPerKey"/> rows at
    /// most) and the reports table is not visited: a common name in a province of ten million reports costs what a rare
    /// one does.
    /// </summary>
    private async Task<List<NamedInEarlier>> NamedEarlierAsync(Report report, IReadOnlyCollection<NamedParty> named, CancellationToken ct)
    {
        var (names, units) = RelatedReports.Keys(named);
        if (names.Count == 0 && units.Count == 0)
        {
            return [];
        }
        var pairs = RelatedReports.NamesWithUnits(named);
        var (pairNames, pairUnits) = (pairs.Select(p => p.Name).ToArray(), pairs.Select(p => p.Unit).ToArray());
        var (since, until, id, region, take) = (report.SubmittedAt - RelatedReports.Window, report.SubmittedAt, report.Id, report.RegionCode,
            RelatedReports.NamedCandidatesPerKey);
        return await db.Database.SqlQuery<NamedInEarlier>($"""
            SELECT m."ReportId", m."Name", m."Unit", m."RegionCode" FROM (
                SELECT x.* FROM unnest({names.ToArray()}::text[]) k(name) CROSS JOIN LATERAL (
                    SELECT "ReportId", "Name", "Unit", "RegionCode", "SubmittedAt" FROM report_people
                    WHERE "Name" = k.name AND "RegionCode" = {region}::char(6) AND "SubmittedAt" >= {since} AND "SubmittedAt" <= {until} AND "ReportId" <> {id}
                    ORDER BY "SubmittedAt" DESC LIMIT {take}) x
                UNION ALL
                SELECT x.* FROM unnest({pairNames}::text[], {pairUnits}::text[]) k(name, unit) CROSS JOIN LATERAL (
                    SELECT "ReportId", "Name", "Unit", "RegionCode", "SubmittedAt" FROM report_people
                    WHERE "Name" = k.name AND "Unit" = k.unit AND "SubmittedAt" >= {since} AND "SubmittedAt" <= {until} AND "ReportId" <> {id}
                    ORDER BY "SubmittedAt" DESC LIMIT {take}) x
                UNION ALL
                SELECT x.* FROM unnest({units.ToArray()}::text[]) k(unit) CROSS JOIN LATERAL (
                    SELECT "ReportId", "Name", "Unit", "RegionCode", "SubmittedAt" FROM report_people
                    WHERE "Unit" = k.unit AND "SubmittedAt" >= {since} AND "SubmittedAt" <= {until} AND "ReportId" <> {id}
                    ORDER BY "SubmittedAt" DESC LIMIT {take}) x) m
            ORDER BY m."SubmittedAt" DESC
            """).ToListAsync(ct);
    }

    /// <summary>
    /// Earlier reports about the same region (county, or the city or province when filed there) with similar text.
    /// Fraud is local, and a near-duplicate elsewhere is caught by names and units. Only the region's most recent
    /// <see cref="RelatedReports.MaxSimilarCandidates"/> reports in the window are compared (read backwards on the
    /// region and time index): at ten million reports a busy county held 280,000 in two years. They are compared first by
    /// the sketch the index carries (<c>"DescriptionSketch"</c>, a generated column), without visiting the table; the
    /// closest (<see cref="RelatedReports.MaxExactComparisons"/> at most, agreeing on at least
    /// <see cref="RelatedReports.SketchThreshold"/> of their bins) are then measured exactly: pg_trgm's <c>similarity</c>
    /// (shared trigrams over all trigrams of the two), computed from the trigrams each report keeps (the new report's
    /// own too, stored when it was filed: not cut into trigrams again here).
    /// </summary>
    private async Task<List<SimilarEarlier>> SimilarEarlierAsync(Report report, CancellationToken ct)
    {
        var since = report.SubmittedAt - RelatedReports.Window;
        return await db.Database.SqlQuery<SimilarEarlier>($"""
            SELECT c."Id" AS "ReportId", x.common::float8 / nullif(icount(c."DescriptionTrigrams") + q.n - x.common, 0) AS "Similarity"
            FROM (SELECT "DescriptionTrigrams" AS t, icount("DescriptionTrigrams") AS n, "DescriptionSketch" AS s FROM reports WHERE "Id" = {report.Id}) q
            CROSS JOIN LATERAL (
                SELECT a."Id" FROM (
                    -- OFFSET 0 keeps each candidate's intersection computed once, not again in the filter and the sort.
                    SELECT r."Id", icount(r.s & q.s) AS agree, greatest(icount(r.s), icount(q.s), 1) AS bins
                    FROM (SELECT "Id", "DescriptionSketch" AS s FROM reports
                        WHERE "RegionCode" = {report.RegionCode}::char(6) AND "SubmittedAt" >= {since} AND "SubmittedAt" <= {report.SubmittedAt}
                          AND "Id" <> {report.Id}
                        ORDER BY "SubmittedAt" DESC LIMIT {RelatedReports.MaxSimilarCandidates}) r
                    OFFSET 0) a
                WHERE a.agree >= {RelatedReports.SketchThreshold} * a.bins
                ORDER BY a.agree::float8 / a.bins DESC LIMIT {RelatedReports.MaxExactComparisons}) k
            JOIN reports c ON c."Id" = k."Id"
            CROSS JOIN LATERAL (SELECT icount(c."DescriptionTrigrams" & q.t) AS common OFFSET 0) x
            WHERE x.common::float8 / nullif(icount(c."DescriptionTrigrams") + q.n - x.common, 0) >= {RelatedReports.SimilarityThreshold}
            ORDER BY 2 DESC LIMIT {RelatedReports.MaxLinksPerReason}
            """).ToListAsync(ct);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

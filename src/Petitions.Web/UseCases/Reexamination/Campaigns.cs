using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Petitions.Core.Audit;
using Petitions.Core.Campaigns;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Reexamination;

/// <summary>
/// Re-examination campaigns: the scope as one SQL condition (used by the preview and by the launch, so what was
/// previewed is what is frozen), the launch (select, then assign independent reviewers; safe to run again), and the
/// review record, which reopens an overturned report.
/// </summary>
public sealed class Campaigns(AppDbContext db, Transaction transaction, AuditLog audit, TimePolicyClock clock, IWorkQueue work)
{
    /// <summary>
    /// The scope as a condition over <c>reports r</c>; its values are the parameters <see cref="Scope"/> gives. It is
    /// <see cref="CampaignScope.Includes"/> in SQL: a test compares the two over every combination of scope fields.
    /// </summary>
    private const string ScopeSql = """
            r."MergedIntoId" IS NULL
            AND r."RegionCode" LIKE @scope_prefix
            AND (cardinality(@scope_kinds) = 0 OR r."KindCode" = ANY(@scope_kinds))
            AND (cardinality(@scope_sources) = 0 OR r."Source" = ANY(@scope_sources))
            AND (@scope_from IS NULL OR r."SubmittedAt" >= @scope_from)
            AND (@scope_to IS NULL OR r."SubmittedAt" < @scope_to)
            AND ((r."Status" = 'NotAccepted' AND @scope_na) OR (r."Status" = 'Withdrawn' AND @scope_wd)
                 OR (r."Status" = 'Closed' AND (@scope_closed OR (r."Finding" = 'Unfounded' AND @scope_unf) OR (r."Finding" = 'CannotBeVerified' AND @scope_cbv))))
            """;

    private const string CountSql = "SELECT count(*)::int AS \"Value\" FROM reports r WHERE " + ScopeSql;
    private const string SampleSql = "SELECT r.* FROM reports r WHERE " + ScopeSql;
    private const string InsertSql = """
        INSERT INTO campaign_items ("CampaignId", "ReportId", "RegionCode", "OriginalStatus", "OriginalFinding", "OriginalHandlerId", "OriginalUnit", "MoneyToStopYuan", "MoneyToRecoverYuan")
        SELECT @campaign, r."Id", r."RegionCode", r."Status", r."Finding", r."AssigneeId", u."Unit", 0, 0
        FROM reports r LEFT JOIN "AspNetUsers" u ON u."Id" = r."AssigneeId"
        """ + " WHERE " + ScopeSql + " ON CONFLICT (\"CampaignId\", \"ReportId\") DO NOTHING";

    /// <summary>The scope's condition over <c>reports r</c>, with its parameters.</summary>
    internal static (string Sql, NpgsqlParameter[] Parameters) Scope(Campaign c, TimeLimitPolicy policy)
    {
        DateTimeOffset? Start(DateOnly? day) => day is { } d ? policy.DayStartUtc(d) : null;
        var o = c.Outcomes;
        return (ScopeSql,
        [
            new("scope_prefix", Core.Regions.RegionCatalogue.CodePrefix(c.RegionCode) + "%"),
            new("scope_kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = c.Kinds.ToArray() },
            new("scope_sources", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = c.Sources.ToArray() },
            new("scope_from", NpgsqlDbType.TimestampTz) { Value = (object?)Start(c.ReceivedFrom) ?? DBNull.Value },
            new("scope_to", NpgsqlDbType.TimestampTz) { Value = (object?)Start(c.ReceivedTo?.AddDays(1)) ?? DBNull.Value },
            new("scope_na", o.HasFlag(EarlierOutcome.NotAccepted)),
            new("scope_wd", o.HasFlag(EarlierOutcome.Withdrawn)),
            new("scope_closed", o.HasFlag(EarlierOutcome.Closed)),
            new("scope_unf", o.HasFlag(EarlierOutcome.Unfounded)),
            new("scope_cbv", o.HasFlag(EarlierOutcome.CannotBeVerified)),
        ]);
    }

    public sealed record PreviewRow(string TrackingNumber, string RegionCode, string KindCode, ReportStatus Status, Finding? Finding, DateTimeOffset SubmittedAt);

    /// <summary>How many reports the scope holds, and the first few of them (oldest first).</summary>
    public async Task<(int Count, IReadOnlyList<PreviewRow> Sample)> PreviewAsync(Campaign c, CancellationToken ct)
    {
        var (_, parameters) = Scope(c, clock.Policy);
        var count = await db.Database.SqlQueryRaw<int>(CountSql, Clone(parameters)).SingleAsync(ct);
        var sample = await db.Reports.FromSqlRaw(SampleSql, Clone(parameters)).AsNoTracking()
            .OrderBy(r => r.SubmittedAt).Take(10)
            .Select(r => new PreviewRow(r.TrackingNumber, r.RegionCode, r.KindCode, r.Status, r.Finding, r.SubmittedAt)).ToListAsync(ct);
        return (count, sample);
    }

    private static NpgsqlParameter[] Clone(NpgsqlParameter[] parameters) => parameters.Select(p => p.Clone()).ToArray();

    /// <summary>
    /// Freezes the scope into items (each report once: a unique index and ON CONFLICT DO NOTHING), then gives every
    /// item still without a reviewer to an independent one. Run by the launch job; running it again after a crash
    /// adds nothing twice and keeps the assignments already made.
    /// </summary>
    /// <summary>
    /// Registers a campaign a leader launched (its reviewers among <paramref name="allowedReviewers"/>), with its audit
    /// entry in one transaction; once committed, the launch job draws its items (<see cref="LaunchAsync"/>).
    /// </summary>
    public async Task<Outcome> StartAsync(Campaign campaign, Guid leaderId, IEnumerable<Guid> reviewers, IReadOnlySet<Guid> allowedReviewers, CancellationToken ct)
    {
        campaign.CreatedById = leaderId;
        campaign.CreatedAt = clock.Now;
        campaign.Status = CampaignStatus.Launching;
        campaign.Reviewers = reviewers.Where(allowedReviewers.Contains).Distinct().Select(id => new CampaignReviewer { UserId = id }).ToList();
        var outcome = await transaction.RunAsync(async token =>
        {
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(leaderId, AuditAction.Campaign, null, $"campaign {campaign.Id} launched: {campaign.RegionCode} {campaign.Outcomes} {campaign.Reviewers.Count} reviewers", token);
            return Outcome.Done("Campaign.Launching");
        }, ct);
        work.CampaignLaunched(campaign.Id);
        return outcome;
    }

    public Task<(int Items, int Unassigned)> LaunchAsync(Guid campaignId, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
        {
            // One transaction, one launch at a time per campaign (a sweep and a resurfaced job may meet): what a
            // killed launch did is rolled back whole, and the next one does all of it.
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext(@key))", [new NpgsqlParameter("key", "campaign-launch:" + campaignId)], token);
            var result = await LaunchLockedAsync(campaignId, token);
            await tx.CommitAsync(token);
            return result;
        });

    private async Task<(int Items, int Unassigned)> LaunchLockedAsync(Guid campaignId, CancellationToken ct)
    {
        var campaign = await db.Campaigns.Include(c => c.Reviewers).SingleAsync(c => c.Id == campaignId, ct);
        var (_, parameters) = Scope(campaign, clock.Policy);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await db.Database.ExecuteSqlRawAsync(InsertSql, [new NpgsqlParameter("campaign", campaignId), .. Clone(parameters)], ct);

        var reviewerIds = campaign.Reviewers.Select(r => r.UserId).ToList();
        var reviewers = await db.Users.Where(u => reviewerIds.Contains(u.Id)).Select(u => new ReviewerAssignment.Reviewer(u.Id, u.Unit)).ToListAsync(ct);
        var open = await db.CampaignItems.Where(i => i.CampaignId == campaignId && i.ReviewerId == null)
            .Select(i => new { i.Id, i.ReportId, i.OriginalUnit, i.OriginalHandlerId }).ToListAsync(ct);
        var reportIds = open.Select(i => i.ReportId).ToList();
        var actors = (await db.ReportEvents.Where(e => reportIds.Contains(e.ReportId) && e.ActorId != null)
                .Select(e => new { e.ReportId, Actor = e.ActorId!.Value }).Distinct().ToListAsync(ct))
            .ToLookup(e => e.ReportId, e => e.Actor);
        var excluded = (await db.Exclusions.Where(x => reportIds.Contains(x.ReportId)).Select(x => new { x.ReportId, x.UserId }).ToListAsync(ct))
            .ToLookup(x => x.ReportId, x => x.UserId);
        var load = await db.CampaignItems.Where(i => i.CampaignId == campaignId && i.ReviewerId != null)
            .GroupBy(i => i.ReviewerId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var items = open.Select(i => new ReviewerAssignment.Item(i.Id, i.OriginalUnit,
            actors[i.ReportId].Concat(i.OriginalHandlerId is { } h ? [h] : []).ToHashSet(), excluded[i.ReportId].ToHashSet()));
        var assigned = ReviewerAssignment.Assign(items, reviewers, load);
        if (assigned.Count > 0)
        {
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE campaign_items i SET "ReviewerId" = v.reviewer
                FROM unnest(@ids, @reviewers) AS v(id, reviewer)
                WHERE i."Id" = v.id AND i."ReviewerId" IS NULL
                """, [new NpgsqlParameter("ids", assigned.Keys.ToArray()), new NpgsqlParameter("reviewers", assigned.Values.ToArray())], ct);
        }
        var total = await db.CampaignItems.CountAsync(i => i.CampaignId == campaignId, ct);
        await db.Campaigns.Where(c => c.Id == campaignId && c.Status != CampaignStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Active).SetProperty(c => c.LaunchedAt, clock.Now), ct);
        return (total, open.Count - assigned.Count);
    }

    public sealed record ReviewInput(ReviewVerdict? Verdict, Finding? Finding, string? Reasons, decimal? MoneyToStop, decimal? MoneyToRecover, string? Responsible,
        IReadOnlyList<StoredFile>? Evidence = null);

    /// <summary>The reviewer records the re-examination of their own item; an overturned conclusion reopens the report.</summary>
    public async Task<Outcome> ReviewAsync(long itemId, Guid reviewerId, ReviewInput input, CancellationToken ct)
    {
        var outcome = await RecordReviewAsync(itemId, reviewerId, input, ct);
        if (outcome.Succeeded)
        {
            // The overturn rates changed: triage reads the lessons again.
            work.LessonsChanged();
        }
        return outcome;
    }

    /// <summary>Sets or clears the campaign's lesson for triage (a threshold in percent and a minimum of reviewed items).</summary>
    public async Task<Outcome> SetLessonAsync(Guid campaignId, Guid actorId, int? thresholdPercent, int? minimumReviewed, CancellationToken ct)
    {
        if (thresholdPercent is < 1 or > 100)
        {
            return Outcome.Invalid("LessonThreshold", "Campaign.Lesson.ThresholdRange");
        }
        if (minimumReviewed is < 1 or > 100_000)
        {
            return Outcome.Invalid("LessonMinimum", "Campaign.Lesson.MinimumRange");
        }
        var outcome = await transaction.RunAsync(async token =>
        {
            var changed = await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.LessonThresholdPercent, thresholdPercent)
                .SetProperty(c => c.LessonMinimumReviewed, minimumReviewed ?? 10), token);
            if (changed == 0)
            {
                return Outcome.NotFound;
            }
            await audit.AppendAsync(actorId, AuditAction.Campaign, null, $"campaign {campaignId} lesson {(thresholdPercent is { } t ? t + "% of ≥" + (minimumReviewed ?? 10) : "off")}", token);
            return Outcome.Done(thresholdPercent is null ? "Campaign.Lesson.Off" : "Campaign.Lesson.Saved");
        }, ct);
        work.LessonsChanged();
        return outcome;
    }

    private Task<Outcome> RecordReviewAsync(long itemId, Guid reviewerId, ReviewInput input, CancellationToken ct) => transaction.RunAsync(async token =>
    {
        var item = await db.CampaignItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ReviewerId == reviewerId, token);
        if (item is null)
        {
            return Outcome.NotFound;
        }
        if (item.Verdict is not null)
        {
            return Outcome.NotAllowed("Review.AlreadyRecorded");
        }
        if (input.Verdict is null)
        {
            return Outcome.Invalid("Input.Verdict", "Review.VerdictRequired");
        }
        if (input.Finding is null)
        {
            return Outcome.Invalid("Input.Finding", "Review.FindingRequired");
        }
        if (string.IsNullOrWhiteSpace(input.Reasons))
        {
            return Outcome.Invalid("Input.Reasons", "Review.ReasonsRequired");
        }
        if (input.MoneyToStop is < 0)
        {
            return Outcome.Invalid("Input.MoneyToStop", "Review.MoneyNegative");
        }
        if (input.MoneyToRecover is < 0)
        {
            return Outcome.Invalid("Input.MoneyToRecover", "Review.MoneyNegative");
        }
        var now = clock.Now;
        item.Verdict = input.Verdict;
        item.NewFinding = input.Finding;
        item.Reasons = input.Reasons.Trim();
        item.MoneyToStopYuan = input.MoneyToStop ?? 0;
        item.MoneyToRecoverYuan = input.MoneyToRecover ?? 0;
        item.Responsible = string.IsNullOrWhiteSpace(input.Responsible) ? null : input.Responsible.Trim();
        item.ReviewedAt = now;
        db.CampaignEvidence.AddRange((input.Evidence ?? []).RequireClean().Select(f => new CampaignEvidence
        {
            Id = Guid.NewGuid(), ItemId = item.Id, DisplayName = f.DisplayName, ContentType = f.ContentType, Length = f.Length, StorageKey = f.StorageKey,
            AddedAt = now, AddedById = reviewerId,
        }));
        if (input.Verdict == ReviewVerdict.Overturned)
        {
            var report = await db.Reports.SingleAsync(r => r.Id == item.ReportId, token);
            if (ReportStatuses.Finished.Contains(report.Status))
            {
                report.ReopenAfterReExamination(reviewerId, input.Finding.Value, now, clock.Policy);
                db.ReportEvents.Add(report.Events[^1]);
                if (!report.IsAnonymous)
                {
                    db.ReporterNotices.Add(new ReporterNotice { ReportId = report.Id, Kind = ReporterNoticeKind.ReExamined, CreatedAt = now });
                }
            }
        }
        await db.SaveChangesAsync(token);
        await audit.AppendAsync(reviewerId, AuditAction.ReportAction, item.ReportId, $"re-examination {input.Verdict} {input.Finding} (campaign item {item.Id})", token);
        return Outcome.Done(input.Verdict == ReviewVerdict.Overturned ? "Review.Overturned" : "Review.Upheld");
    }, ct);
}

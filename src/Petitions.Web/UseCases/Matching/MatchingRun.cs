using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Core.Audit;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Matching;

/// <summary>
/// One matching run over the registers: each rule is one set-based statement (<see cref="RuleStatements"/>), so a run
/// over a province's registers is a few queries, not a loop. Idempotent: a hit is kept once per rule, person and round
/// (a unique index); a run refreshes an undecided hit's figures and leaves a decided one as it was decided unless a new
/// fact arrived. Killed halfway through the rules, nothing of them committed; the next run does it all. Then the hits
/// become cases (<see cref="MatchingCases"/>), each case committed on its own and never twice. Runs after each import
/// and monthly, with the thresholds an administrator set (<c>matching_rules</c>); a rule switched off finds nothing new.
/// </summary>
public sealed class MatchingRun(AppDbContext db, Transaction transaction, AuditLog audit, TimeProvider clock, MatchingCases cases, MatchingLinks links,
    ILogger<MatchingRun> logger)
{
    public const string PaidAfterDeath = RiskRules.PaidAfterDeath;
    public const string SharedPhone = RiskRules.SharedPhone;

    /// <summary>How long one statement of a run (a rule over the whole ledger, or waiting for the run before) may take.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// Runs every rule; returns how many hits the rules hold now. One run at a time in the whole database (a session
    /// advisory lock, released when the run ends or its connection dies): two imports finishing together, the monthly
    /// job and an analyst's "run now" queue behind each other instead of filing the same person's case twice.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        // A province's rules read tens of millions of payment rows, and a run may wait for the one before it: the
        // site's 30-second command limit is for pages, not for this job.
        db.Database.SetCommandTimeout(RunTimeout);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(hashtext('matching-run'))", ct);
            try
            {
                return await RunLockedAsync(ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(hashtext('matching-run'))", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<int> RunLockedAsync(CancellationToken ct)
    {
        var hits = 0;
        // First, death rows without a valid identity number are linked to the roll where the evidence allows.
        var step = System.Diagnostics.Stopwatch.StartNew();
        var (linked, reviews) = await links.LinkAsync(ct);
        logger.LogInformation("Matching run: linking added {Links} links and {Reviews} reviews in {Seconds:F1} s", linked, reviews, step.Elapsed.TotalSeconds);
        await transaction.RunAsync(async token =>
        {
            var now = clock.GetUtcNow();
            var settings = await db.MatchingRules.AsNoTracking().ToDictionaryAsync(r => r.Code, token);
            var touched = 0;
            step.Restart();
            await db.Database.ExecuteSqlRawAsync(RuleStatements.Prepare, token);
            logger.LogInformation("Matching run: roll, deaths and the payments of the dead, prisoners and resumed read in {Seconds:F1} s", step.Elapsed.TotalSeconds);
            foreach (var rule in RiskRules.All)
            {
                var setting = settings.GetValueOrDefault(rule.Code);
                if (setting is { Enabled: false })
                {
                    continue;
                }
                step.Restart();
                await db.Database.ExecuteSqlRawAsync(RuleStatements.Find(rule.Code, setting?.Threshold ?? rule.DefaultThreshold), token);
                var rows = await db.Database.ExecuteSqlRawAsync(RuleStatements.Keep, [new NpgsqlParameter("rule", rule.Code), new NpgsqlParameter("now", now)], token);
                logger.LogInformation("Matching run: rule {Rule} found or refreshed {Hits} hits in {Seconds:F1} s", rule.Code, rows, step.Elapsed.TotalSeconds);
                touched += rows;
            }
            hits = await db.MatchHits.CountAsync(token);
            await audit.AppendAsync(null, AuditAction.MatchingRun, null, $"matching run: {touched} hits found or refreshed, {hits} held", token);
            return Outcome.Done("Matching.Ran");
        }, ct);
        // Then every person with undecided hits on no case gets one (resumable: see MatchingCases).
        step.Restart();
        var filed = await cases.FileOwedAsync(ct);
        logger.LogInformation("Matching run: {Cases} cases filed in {Seconds:F1} s", filed, step.Elapsed.TotalSeconds);
        if (filed > 0)
        {
            await audit.AppendAsync(null, AuditAction.MatchingRun, null, $"matching cases filed: {filed}", ct);
        }
        return hits;
    }
}

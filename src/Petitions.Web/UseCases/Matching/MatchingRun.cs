using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Petitions.Core.Audit;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Matching;

public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>
    /// Months after the month of death still paid without a hit: the pension of the month of death is due, and death
    /// registers reach the fund with a delay. 1: a March death is a hit from the May payment on.
    /// </summary>
    [Range(0, 12)] public int GraceMonths { get; set; } = 1;

    /// <summary>
    /// How many people on the roll may give one contact phone before each of them is a hit: a family may share a
    /// landline; a clerk's mobile behind dozens of cards (612 in Hengnan) may not.
    /// </summary>
    [Range(2, 10_000)] public int SharedPhoneMinimum { get; set; } = 5;
}

/// <summary>
/// One matching run over the registers: each rule is one set-based statement, so a run over a province's registers is
/// a few queries, not a loop. Idempotent: a hit is kept once per rule and person (a unique index); a run refreshes an
/// undecided hit's figures and leaves a decided one as it was decided. Killed halfway through the rules, nothing of
/// them committed; the next run does it all. Then the hits become cases (<see cref="MatchingCases"/>), each case
/// committed on its own and never twice. Runs after each import and monthly.
/// </summary>
public sealed class MatchingRun(AppDbContext db, Transaction transaction, AuditLog audit, TimeProvider clock, IOptions<MatchingOptions> options, MatchingCases cases,
    MatchingLinks links)
{
    public const string PaidAfterDeath = "paid-after-death";
    public const string SharedPhone = "shared-phone";

    /// <summary>
    /// 以卡核人: everyone on the roll whose contact phone (by its keyed hash) is given for at least
    /// <see cref="MatchingOptions.SharedPhoneMinimum"/> people; the hit carries the group's size, how many of it a death
    /// register records, and the person's monthly amount (the money at stake each month).
    /// </summary>
    private const string SharedPhoneSql = """
        WITH roll AS (
            SELECT DISTINCT ON ("PersonNumber") "PersonNumber", "Name", "IdHash", "Region", "PhoneHash", "MonthlyAmount"
            FROM register_entries WHERE "Source" = 'PensionRoll' AND "PersonNumber" IS NOT NULL
            ORDER BY "PersonNumber", "Id" DESC),
        dead AS (
            SELECT DISTINCT "IdHash" FROM register_entries
            WHERE "Source" IN ('Cremation', 'HouseholdDeregistration', 'DeathCertificate') AND "IdHash" IS NOT NULL
            UNION
            SELECT r."IdHash" FROM register_links l JOIN roll r ON r."PersonNumber" = l."PersonNumber"
            WHERE (l."Band" = 'Link' OR l."Confirmed") AND l."Confirmed" IS DISTINCT FROM false),
        groups AS (
            SELECT r."PhoneHash", count(*)::int AS people, count(d."IdHash")::int AS dead
            FROM roll r LEFT JOIN dead d ON d."IdHash" = r."IdHash"
            WHERE r."PhoneHash" IS NOT NULL
            GROUP BY r."PhoneHash" HAVING count(*) >= @minimum)
        INSERT INTO match_hits ("Rule", "PersonNumber", "IdHash", "Name", "Region", "Months", "Amount", "BackPay",
                                "SharedWith", "SharedWithDead", "FoundAt", "UpdatedAt")
        SELECT @rule, r."PersonNumber", r."IdHash", r."Name", r."Region", 0, coalesce(r."MonthlyAmount", 0), false,
               g.people, g.dead, @now, @now
        FROM roll r JOIN groups g ON g."PhoneHash" = r."PhoneHash"
        ON CONFLICT ("Rule", "PersonNumber") DO UPDATE
            SET "SharedWith" = EXCLUDED."SharedWith", "SharedWithDead" = EXCLUDED."SharedWithDead", "Amount" = EXCLUDED."Amount",
                "UpdatedAt" = EXCLUDED."UpdatedAt"
            WHERE match_hits."Decision" IS NULL
        """;

    /// <summary>
    /// 以人查卡: everyone on the roll whose identity number (by its keyed hash: an exact link) is in a death register,
    /// and who was paid for months after the month of death and its grace. The earliest death any register records
    /// counts; the months, the money and whether back pay (待遇补发) was among it are the ledger's.
    /// </summary>
    private const string PaidAfterDeathSql = """
        WITH roll AS (
            SELECT DISTINCT ON ("PersonNumber") "PersonNumber", "Name", "IdHash", "Region"
            FROM register_entries WHERE "Source" = 'PensionRoll' AND "IdHash" IS NOT NULL AND "PersonNumber" IS NOT NULL
            ORDER BY "PersonNumber", "Id" DESC),
        death_rows AS (
            SELECT "IdHash", "EventDate", "Source"::text AS source FROM register_entries
            WHERE "Source" IN ('Cremation', 'HouseholdDeregistration', 'DeathCertificate') AND "IdHash" IS NOT NULL AND "EventDate" IS NOT NULL
            UNION ALL
            -- Rows without a valid identity number, linked by name, birth date and the rest (or confirmed by an analyst).
            SELECT r."IdHash", e."EventDate", e."Source"::text FROM register_links l
            JOIN register_entries e ON e."Id" = l."EntryId" JOIN roll r ON r."PersonNumber" = l."PersonNumber"
            WHERE e."EventDate" IS NOT NULL AND (l."Band" = 'Link' OR l."Confirmed") AND l."Confirmed" IS DISTINCT FROM false),
        deaths AS (
            SELECT "IdHash", min("EventDate") AS died, string_agg(DISTINCT source, ',' ORDER BY source) AS sources
            FROM death_rows GROUP BY "IdHash"),
        paid AS (
            SELECT r."PersonNumber", count(DISTINCT p."Period")::int AS months, sum(p."Amount") AS amount,
                   min(p."Period") AS first_period, max(p."Period") AS last_period, coalesce(bool_or(p."PaymentKind" = 'BackPay'), false) AS back_pay,
                   mode() WITHIN GROUP (ORDER BY p."Approver") AS approver
            FROM roll r
            JOIN deaths d ON d."IdHash" = r."IdHash"
            JOIN register_entries p ON p."Source" = 'PaymentLedger' AND p."PersonNumber" = r."PersonNumber"
            WHERE p."Period" >= (date_trunc('month', d.died) + make_interval(months => 1 + @grace))::date
            GROUP BY r."PersonNumber")
        INSERT INTO match_hits ("Rule", "PersonNumber", "IdHash", "Name", "Region", "DeathDate", "DeathSources", "Months", "Amount",
                                "FirstPeriod", "LastPeriod", "BackPay", "Approver", "FoundAt", "UpdatedAt")
        SELECT @rule, r."PersonNumber", r."IdHash", r."Name", r."Region", d.died, d.sources, paid.months, paid.amount,
               paid.first_period, paid.last_period, paid.back_pay, paid.approver, @now, @now
        FROM paid JOIN roll r ON r."PersonNumber" = paid."PersonNumber" JOIN deaths d ON d."IdHash" = r."IdHash"
        ON CONFLICT ("Rule", "PersonNumber") DO UPDATE
            SET "DeathDate" = EXCLUDED."DeathDate", "DeathSources" = EXCLUDED."DeathSources", "Months" = EXCLUDED."Months",
                "Amount" = EXCLUDED."Amount", "FirstPeriod" = EXCLUDED."FirstPeriod", "LastPeriod" = EXCLUDED."LastPeriod",
                "BackPay" = EXCLUDED."BackPay", "Approver" = EXCLUDED."Approver", "UpdatedAt" = EXCLUDED."UpdatedAt"
            WHERE match_hits."Decision" IS NULL
        """;

    /// <summary>Runs every rule; returns how many hits the rules hold now.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var hits = 0;
        // First, death rows without a valid identity number are linked to the roll where the evidence allows.
        await links.LinkAsync(ct);
        await transaction.RunAsync(async token =>
        {
            var now = clock.GetUtcNow();
            var touched = await db.Database.ExecuteSqlRawAsync(PaidAfterDeathSql,
                [new NpgsqlParameter("grace", options.Value.GraceMonths), new NpgsqlParameter("rule", PaidAfterDeath), new NpgsqlParameter("now", now)], token);
            touched += await db.Database.ExecuteSqlRawAsync(SharedPhoneSql,
                [new NpgsqlParameter("minimum", options.Value.SharedPhoneMinimum), new NpgsqlParameter("rule", SharedPhone), new NpgsqlParameter("now", now)], token);
            hits = await db.MatchHits.CountAsync(token);
            await audit.AppendAsync(null, AuditAction.MatchingRun, null, $"matching run: {touched} hits found or refreshed, {hits} held", token);
            return Outcome.Done("Matching.Ran");
        }, ct);
        // Then every person with undecided hits on no case gets one (resumable: see MatchingCases).
        var filed = await cases.FileOwedAsync(ct);
        if (filed > 0)
        {
            await audit.AppendAsync(null, AuditAction.MatchingRun, null, $"matching cases filed: {filed}", ct);
        }
        return hits;
    }
}

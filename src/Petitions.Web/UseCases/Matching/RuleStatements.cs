using System.Globalization;
using Petitions.Core.Matching;

namespace Petitions.Web.UseCases.Matching;

/// <summary>
/// Each risk rule as one set-based statement: the rule's own SELECT (<c>found</c>, one row per person, in the common
/// columns below) wrapped in one merge shared by every rule. The merge keeps one hit per rule, person and round:
/// an undecided hit is refreshed; a decided one is left as decided, unless a new fact arrived — money paid for a later
/// period than a confirmed (or "already stopped") hit knew and than the month the officer says payment stopped, or a death register that had not recorded the death when the
/// hit was called a false positive — and then the hit comes back as the next round, carrying only what is new.
/// <c>@threshold</c> is the rule's threshold as an administrator set it. The roll, the deaths and the few people whose
/// payments the death, prison and resumption rules read are prepared once per run (<see cref="Prepare"/>).
/// </summary>
public static class RuleStatements
{
    /// <summary>
    /// Prepared once per run, inside its transaction, and dropped when it commits: the roll (each person's latest row),
    /// the earliest death any register records (exact or linked), and the payments of the few people the death, prison
    /// and resumption rules look at — so the 24 million rows of a province's ledger are read once for those four rules,
    /// not once each. Sorting and hashing get more memory than a page's query (this is one batch job at a time).
    /// </summary>
    public const string Prepare = """
        SET LOCAL work_mem = '256MB';
        CREATE TEMP TABLE run_roll ON COMMIT DROP AS
            SELECT DISTINCT ON ("PersonNumber") "PersonNumber", "Name", "IdHash", "Region", "PhoneHash", "CardHash", "AddressHash", "MonthlyAmount"
            FROM register_entries WHERE "Source" = 'PensionRoll' AND "PersonNumber" IS NOT NULL
            ORDER BY "PersonNumber", "Id" DESC;
        CREATE TEMP TABLE run_deaths ON COMMIT DROP AS
            WITH death_rows AS (
                SELECT "IdHash", "EventDate", "Source"::text AS source FROM register_entries
                WHERE "Source" IN ('Cremation', 'HouseholdDeregistration', 'DeathCertificate') AND "IdHash" IS NOT NULL AND "EventDate" IS NOT NULL
                UNION ALL
                -- Rows without a valid identity number, linked by name, birth date and the rest (or confirmed by an analyst).
                SELECT r."IdHash", e."EventDate", e."Source"::text FROM register_links l
                JOIN register_entries e ON e."Id" = l."EntryId" JOIN run_roll r ON r."PersonNumber" = l."PersonNumber"
                WHERE e."EventDate" IS NOT NULL AND r."IdHash" IS NOT NULL AND (l."Band" = 'Link' OR l."Confirmed") AND l."Confirmed" IS DISTINCT FROM false)
            SELECT "IdHash", min("EventDate") AS died, string_agg(DISTINCT source, ',' ORDER BY source) AS sources
            FROM death_rows GROUP BY "IdHash";
        -- Counted before they are joined: planned blind, the join below split a province's ledger into 32 batches on disk.
        ANALYZE run_roll, run_deaths;
        CREATE TEMP TABLE run_focus ON COMMIT DROP AS
            SELECT "PersonNumber", "Period", "Amount", "PaymentKind", "PaidOn", "Approver" FROM register_payments
            WHERE "PersonNumber" IN (
                SELECT r."PersonNumber" FROM run_roll r WHERE r."IdHash" IN (
                    SELECT "IdHash" FROM run_deaths UNION SELECT "IdHash" FROM register_entries WHERE "Source" = 'Prison' AND "IdHash" IS NOT NULL)
                UNION SELECT "PersonNumber" FROM register_entries WHERE "Source" = 'StatusChange' AND "Status" = 'Resumed' AND "PersonNumber" IS NOT NULL);
        ANALYZE run_focus;
        """;

    /// <summary>What every rule reads: the prepared tables, and the whole ledger for the rules about everyone's payments.</summary>
    private const string Common = """
        roll AS (SELECT * FROM run_roll),
        deaths AS (SELECT * FROM run_deaths),
        focus AS (SELECT * FROM run_focus),
        ledger AS NOT MATERIALIZED (
            SELECT "PersonNumber", "Period", "Amount", "PaymentKind", "PaidOn", "Approver" FROM register_payments)
        """;

    private const string Merge = """
        latest AS (
            SELECT DISTINCT ON ("PersonNumber") "PersonNumber", "Round", "Decision", "FalsePositiveReason", "DeathSources",
                   -- Payment is known to have gone on to here: the last period the hit knew, or the month the officer says it stopped.
                   greatest("LastPeriod", date_trunc('month', "StoppedOn")::date) AS "LastPeriod"
            FROM match_hits WHERE "Rule" = @rule ORDER BY "PersonNumber", "Round" DESC),
        merged AS (
            SELECT f.*, coalesce(l."Round", 0) AS l_round, b."Id" AS b_id, b."Months" AS b_months, b."Amount" AS b_amount, b."LastPeriod" AS b_last,
                   coalesce(b."Decision" = 'Confirmed' OR b."FalsePositiveReason" = 'AlreadyStopped', false) AS b_stopped,
                   coalesce(l."Decision" IS NOT NULL AND CASE
                       WHEN l."Decision" = 'Confirmed' OR l."FalsePositiveReason" = 'AlreadyStopped' THEN f.last_period > l."LastPeriod"
                       ELSE f.death_sources IS NOT NULL
                            AND NOT string_to_array(f.death_sources, ',') <@ string_to_array(coalesce(l."DeathSources", ''), ',') END, false) AS new_fact
            FROM found f
            LEFT JOIN latest l ON l."PersonNumber" = f.person
            LEFT JOIN match_hits b ON b."Rule" = @rule AND b."PersonNumber" = f.person AND b."Decision" IS NOT NULL
                AND b."Round" = CASE WHEN l."Decision" IS NULL THEN l."Round" - 1 ELSE l."Round" END)
        INSERT INTO match_hits ("Rule", "PersonNumber", "IdHash", "Name", "Region", "DeathDate", "DeathSources", "FactFrom", "FactTo", "Percent",
                                "Months", "Amount", "FirstPeriod", "LastPeriod", "BackPay", "Approver", "SharedWith", "SharedWithDead",
                                "Round", "PreviousHitId", "FoundAt", "UpdatedAt")
        SELECT @rule, person, id_hash, name, region, death_date, death_sources, fact_from, fact_to, percent,
               CASE WHEN b_stopped AND b_last IS NOT NULL THEN greatest(months - b_months, 1) ELSE months END,
               CASE WHEN b_stopped AND b_last IS NOT NULL THEN greatest(amount - b_amount, 0) ELSE amount END,
               CASE WHEN b_stopped AND b_last IS NOT NULL THEN (b_last + interval '1 month')::date ELSE first_period END,
               last_period, back_pay, approver, shared_with, shared_with_dead,
               CASE WHEN new_fact THEN l_round + 1 ELSE l_round END,
               CASE WHEN new_fact THEN (SELECT "Id" FROM match_hits x WHERE x."Rule" = @rule AND x."PersonNumber" = person AND x."Round" = l_round) ELSE b_id END,
               @now, @now
        FROM merged
        ON CONFLICT ("Rule", "PersonNumber", "Round") DO UPDATE
            SET "IdHash" = EXCLUDED."IdHash", "Name" = EXCLUDED."Name", "Region" = EXCLUDED."Region", "DeathDate" = EXCLUDED."DeathDate",
                "DeathSources" = EXCLUDED."DeathSources", "FactFrom" = EXCLUDED."FactFrom", "FactTo" = EXCLUDED."FactTo",
                "Percent" = EXCLUDED."Percent", "Months" = EXCLUDED."Months", "Amount" = EXCLUDED."Amount",
                "FirstPeriod" = EXCLUDED."FirstPeriod", "LastPeriod" = EXCLUDED."LastPeriod", "BackPay" = EXCLUDED."BackPay",
                "Approver" = EXCLUDED."Approver", "SharedWith" = EXCLUDED."SharedWith", "SharedWithDead" = EXCLUDED."SharedWithDead",
                "PreviousHitId" = EXCLUDED."PreviousHitId", "UpdatedAt" = EXCLUDED."UpdatedAt"
            WHERE match_hits."Decision" IS NULL
        """;

    /// <summary>The columns every rule's <c>found</c> gives, in order, after the person's own four.</summary>
    private const string NoDeath = "NULL::date AS death_date, NULL::text AS death_sources";
    private const string NoFact = "NULL::date AS fact_from, NULL::date AS fact_to, NULL::numeric AS percent";
    private const string NoShare = "NULL::int AS shared_with, NULL::int AS shared_with_dead";
    private const string Person = """r."PersonNumber" AS person, r."IdHash" AS id_hash, r."Name" AS name, r."Region" AS region""";
    private const string PersonGroup = "r.\"PersonNumber\", r.\"IdHash\", r.\"Name\", r.\"Region\"";

    private static readonly Dictionary<string, string> Found = new()
    {
        // 以人查卡: paid for periods after the month of death and its grace months.
        [RiskRules.PaidAfterDeath] = $"""
            SELECT {Person}, d.died AS death_date, d.sources AS death_sources, {NoFact},
                   count(DISTINCT p."Period")::int AS months, sum(p."Amount") AS amount, min(p."Period") AS first_period, max(p."Period") AS last_period,
                   coalesce(bool_or(p."PaymentKind" = 'BackPay'), false) AS back_pay, mode() WITHIN GROUP (ORDER BY p."Approver") AS approver, {NoShare}
            FROM roll r JOIN deaths d ON d."IdHash" = r."IdHash" JOIN focus p ON p."PersonNumber" = r."PersonNumber"
            WHERE p."Period" >= (date_trunc('month', d.died) + make_interval(months => 1 + @threshold))::date
            GROUP BY {PersonGroup}, d.died, d.sources
            """,
        // Back pay (待遇补发) paid after the death, whatever period it is for: arrears are owed to the living.
        [RiskRules.BackPayAfterDeath] = $"""
            SELECT {Person}, d.died AS death_date, d.sources AS death_sources, min(p."PaidOn") AS fact_from, NULL::date AS fact_to, NULL::numeric AS percent,
                   count(*)::int AS months, sum(p."Amount") AS amount, min(p."Period") AS first_period, max(p."Period") AS last_period,
                   true AS back_pay, mode() WITHIN GROUP (ORDER BY p."Approver") AS approver, {NoShare}
            FROM roll r JOIN deaths d ON d."IdHash" = r."IdHash" JOIN focus p ON p."PersonNumber" = r."PersonNumber"
            WHERE p."PaymentKind" = 'BackPay' AND p."PaidOn" > d.died + @threshold
            GROUP BY {PersonGroup}, d.died, d.sources
            """,
        // Paid for periods inside a prison stay, after the month of admission and its grace months, before the month of release.
        [RiskRules.PaidInPrison] = $"""
            SELECT {Person}, {NoDeath}, min(j."EventDate") AS fact_from, max(j."EndDate") AS fact_to, NULL::numeric AS percent,
                   count(DISTINCT p."Period")::int AS months, sum(p."Amount") AS amount, min(p."Period") AS first_period, max(p."Period") AS last_period,
                   coalesce(bool_or(p."PaymentKind" = 'BackPay'), false) AS back_pay, mode() WITHIN GROUP (ORDER BY p."Approver") AS approver, {NoShare}
            FROM roll r JOIN register_entries j ON j."Source" = 'Prison' AND j."IdHash" = r."IdHash"
            JOIN focus p ON p."PersonNumber" = r."PersonNumber"
            WHERE p."Period" >= (date_trunc('month', j."EventDate") + make_interval(months => 1 + @threshold))::date
              AND (j."EndDate" IS NULL OR p."Period" < date_trunc('month', j."EndDate")::date)
            GROUP BY {PersonGroup}
            """,
        // Payment resumed after a suspension with no certification between them (or within the threshold's days after).
        [RiskRules.ResumedUncertified] = $"""
            SELECT {Person}, {NoDeath}, u.suspended AS fact_from, u.resumed AS fact_to, NULL::numeric AS percent,
                   count(DISTINCT p."Period")::int AS months, coalesce(sum(p."Amount"), 0) AS amount, min(p."Period") AS first_period, max(p."Period") AS last_period,
                   coalesce(bool_or(p."PaymentKind" = 'BackPay'), false) AS back_pay, u.clerk AS approver, {NoShare}
            FROM (SELECT DISTINCT ON (x.person) x.* FROM (
                    SELECT s."PersonNumber" AS person, s."EventDate" AS resumed, s."Approver" AS clerk,
                           (SELECT max(b."EventDate") FROM register_entries b WHERE b."Source" = 'StatusChange' AND b."PersonNumber" = s."PersonNumber"
                                AND b."Status" = 'Suspended' AND b."EventDate" <= s."EventDate") AS suspended
                    FROM register_entries s WHERE s."Source" = 'StatusChange' AND s."Status" = 'Resumed') x
                  WHERE x.suspended IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM register_entries c WHERE c."Source" = 'StatusChange' AND c."PersonNumber" = x.person AND c."Status" = 'Certified'
                        AND c."EventDate" >= x.suspended AND c."EventDate" <= x.resumed + @threshold)
                  ORDER BY x.person, x.resumed) u
            JOIN roll r ON r."PersonNumber" = u.person
            LEFT JOIN focus p ON p."PersonNumber" = u.person AND p."Period" >= date_trunc('month', u.resumed)::date
            GROUP BY {PersonGroup}, u.suspended, u.resumed, u.clerk
            """,
        // A regular amount raised with no adjustment (待遇调整) in its period or the one before, or by more than the threshold's
        // percent. Read as spans: each amount a person was paid, from its first month to its last (a few rows per person,
        // not one per month, so the province's ledger is hashed once and never sorted); a span paid more than the one
        // before it is a raise; the money is the difference for every month paid since.
        [RiskRules.RaisedOutsideAdjustment] = $"""
            SELECT * FROM (WITH spans AS (
                SELECT "PersonNumber" AS person, "Amount" AS amount, min("Period") AS first, max("Period") AS last, count(*) AS months,
                       min("Approver") AS approver
                FROM ledger WHERE "PaymentKind" = 'Regular' GROUP BY 1, 2),
            steps AS (
                SELECT *, lag(amount) OVER w AS before, sum(months) OVER (w ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)::int AS months_on,
                       max(last) OVER (PARTITION BY person) AS last_paid
                FROM spans WINDOW w AS (PARTITION BY person ORDER BY first)),
            raises AS (SELECT *, (amount - before) * 100 / before AS pct FROM steps WHERE before > 0 AND amount > before),
            explained AS (
                SELECT DISTINCT s.person, s.first FROM raises s
                JOIN ledger a ON a."PersonNumber" = s.person AND a."PaymentKind" = 'Adjustment'
                    AND a."Period" BETWEEN (s.first - interval '1 month')::date AND s.first),
            f AS (
                SELECT DISTINCT ON (s.person) s.* FROM raises s LEFT JOIN explained e ON e.person = s.person AND e.first = s.first
                WHERE s.pct > @threshold OR e.person IS NULL
                ORDER BY s.person, s.first)
            SELECT {Person}, {NoDeath}, f.first AS fact_from, NULL::date AS fact_to, round(f.pct, 2) AS percent,
                   f.months_on AS months, (f.amount - f.before) * f.months_on AS amount, f.first AS first_period, f.last_paid AS last_period,
                   false AS back_pay, f.approver, {NoShare}
            FROM f JOIN roll r ON r."PersonNumber" = f.person) raised
            """,
        // Paid more than the threshold's days before the first day of the month paid for.
        [RiskRules.PaidEarly] = $"""
            SELECT {Person}, {NoDeath}, min(p."PaidOn") AS fact_from, NULL::date AS fact_to, NULL::numeric AS percent,
                   count(*)::int AS months, sum(p."Amount") AS amount, min(p."Period") AS first_period, max(p."Period") AS last_period,
                   false AS back_pay, mode() WITHIN GROUP (ORDER BY p."Approver") AS approver, {NoShare}
            FROM roll r JOIN ledger p ON p."PersonNumber" = r."PersonNumber"
            WHERE p."PaidOn" < p."Period" - @threshold
            GROUP BY {PersonGroup}
            """,
        // A bank terminal drawing on many roll cards between midnight and five (the Hengnan clerk's ATM, which a bank's
        // night alarm caught): every person whose card it drew on at night, with the withdrawals, the terminal's number
        // of cards and how many of them belong to people recorded dead.
        [RiskRules.NightWithdrawals] = $"""
            SELECT {Person}, {NoDeath}, min(n."WithdrawnAt")::date AS fact_from, max(n."WithdrawnAt")::date AS fact_to, NULL::numeric AS percent,
                   count(DISTINCT date_trunc('month', n."WithdrawnAt"))::int AS months, coalesce(sum(n."Amount"), 0) AS amount,
                   NULL::date AS first_period, NULL::date AS last_period, false AS back_pay, NULL::text AS approver,
                   max(t.cards) AS shared_with, max(t.dead) AS shared_with_dead
            FROM roll r
            JOIN register_entries n ON n."Source" = 'BankWithdrawal' AND n."CardHash" = r."CardHash" AND n."WithdrawnAt"::time < time '05:00'
            JOIN (SELECT w."Terminal", count(DISTINCT w."CardHash")::int AS cards,
                         count(DISTINCT w."CardHash") FILTER (WHERE d."IdHash" IS NOT NULL)::int AS dead
                  FROM register_entries w JOIN roll o ON o."CardHash" = w."CardHash" LEFT JOIN deaths d ON d."IdHash" = o."IdHash"
                  WHERE w."Source" = 'BankWithdrawal' AND w."WithdrawnAt"::time < time '05:00'
                  GROUP BY w."Terminal" HAVING count(DISTINCT w."CardHash") >= @threshold) t ON t."Terminal" = n."Terminal"
            GROUP BY {PersonGroup}
            """,
        // 以卡核人: one contact phone for many people; the money at stake is the person's monthly amount.
        [RiskRules.SharedPhone] = Shared("PhoneHash"),
        // 以卡核人: one card or account paid to more than one person.
        [RiskRules.SharedCard] = Shared("CardHash"),
        // 以卡核人: one address for many people (a family shares one; a care home is known and set as the threshold).
        [RiskRules.SharedAddress] = Shared("AddressHash"),
    };

    // The groups are found first, and only their members are looked up among the deaths (not the whole roll).
    private static string Shared(string column) => $"""
        SELECT {Person}, {NoDeath}, {NoFact}, 0 AS months, coalesce(r."MonthlyAmount", 0) AS amount, NULL::date AS first_period, NULL::date AS last_period,
               false AS back_pay, NULL::text AS approver, g.people AS shared_with, g.dead AS shared_with_dead
        FROM roll r JOIN (
            SELECT m."{column}" AS key, count(*)::int AS people, count(d."IdHash")::int AS dead
            FROM roll m JOIN (SELECT "{column}" AS key FROM roll WHERE "{column}" IS NOT NULL GROUP BY 1 HAVING count(*) >= @threshold) k ON k.key = m."{column}"
            LEFT JOIN deaths d ON d."IdHash" = m."IdHash"
            GROUP BY m."{column}") g ON g.key = r."{column}"
        """;

    /// <summary>
    /// A rule's hits, into a table of the run: a CREATE TABLE AS, so PostgreSQL may read the ledger with both cores (an
    /// INSERT may not). The threshold is an integer from <c>matching_rules</c>, written into the statement.
    /// </summary>
    public static string Find(string rule, int threshold) =>
        $"CREATE TEMP TABLE run_found ON COMMIT DROP AS\nWITH {Common}\n{Found[rule]}".Replace("@threshold", threshold.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The found hits merged into <c>match_hits</c> (<c>@rule</c>, <c>@now</c>), then the run's table dropped.</summary>
    public const string Keep = $"WITH found AS (SELECT * FROM run_found),\n{Merge};\nDROP TABLE run_found;";
}

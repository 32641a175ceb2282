using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <summary>
    /// The statistics stop being rebuilt from every report ever received. Each report's statistical facts are one row
    /// (<c>stats_facts</c>, as last counted); a trigger on reports and rewards notes, in the changing transaction, that a
    /// report changed (<c>stats_changes</c>); <c>stats_fold()</c> takes the noted reports, subtracts their old facts,
    /// adds their new ones, and records which provinces moved. <c>stats_compare()</c> recomputes everything from the
    /// reports and counts the cells where the two differ; <c>stats_rebuild()</c> starts the tables over.
    /// </summary>
    public partial class IncrementalStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Tables);
            migrationBuilder.Sql(Functions);
            migrationBuilder.Sql(Triggers);
            // The first count: every report as one change (in China time unless the job's zone differs; the nightly
            // comparison would find and repair a different zone).
            migrationBuilder.Sql("SELECT stats_rebuild();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS stats_changes ON reports;
                DROP TRIGGER IF EXISTS stats_changes ON rewards;
                DROP FUNCTION IF EXISTS stats_report_changed(), stats_reward_changed(), stats_fold(timestamptz), stats_compare(),
                    stats_rebuild(), stats_aggregate(), stats_fold_rows();
                DROP VIEW IF EXISTS stats_lapsed_rewards;
                DROP TABLE IF EXISTS stats_cube, stats_days, stats_facts, stats_changes, stats_dirty, stats_state;
                DROP VIEW IF EXISTS stats_report_facts;
                """);
            migrationBuilder.Sql(RewardsInStatistics.CubeWithRewards);
            migrationBuilder.Sql(HandlingTimes.DaysView);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION refresh_statistics() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
                    SET search_path = public, pg_temp AS $$
                BEGIN
                    REFRESH MATERIALIZED VIEW CONCURRENTLY stats_cube;
                    REFRESH MATERIALIZED VIEW CONCURRENTLY stats_days;
                END $$;
                REVOKE ALL ON FUNCTION refresh_statistics() FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION refresh_statistics() TO petitions_site;
                """);
        }

        // The SQL as this migration runs it, frozen here: a later change is a later migration.
        private const string Tables = """
            DROP FUNCTION IF EXISTS refresh_statistics();
            DROP MATERIALIZED VIEW IF EXISTS stats_days;
            DROP MATERIALIZED VIEW IF EXISTS stats_cube;

            -- One row per report: the values it is counted under, its money and people, its handling days. The rules
            -- are the former views' (months in petitions_time_zone(), which the statistics jobs set).
            CREATE VIEW stats_report_facts AS
            SELECT
                rep."Id" AS report_id,
                date_trunc('month', rep."SubmittedAt" AT TIME ZONE petitions_time_zone())::date AS month,
                rep."RegionCode"::text AS code,
                rep."KindCode"::text AS kind,
                rep."Status"::text AS status,
                CASE WHEN rep."IsAnonymous" THEN 'anonymous' ELSE 'real-name' END AS source,
                CASE rep."Source" WHEN 'InspectionTour' THEN 'inspection-tour' WHEN 'Audit' THEN 'audit'
                     WHEN 'DisciplineCase' THEN 'discipline-case' WHEN 'DataMatching' THEN 'data-matching' ELSE 'citizen' END AS origin,
                CASE rep."Channel" WHEN 'Letter' THEN 'letter' WHEN 'Phone' THEN 'phone' WHEN 'Visit' THEN 'visit'
                     WHEN 'Email' THEN 'email' WHEN 'OtherAgency' THEN 'other-agency' ELSE 'online' END AS channel,
                CASE rep."TransferredTo" WHEN 'MedicalInsurance' THEN 'medical-insurance' WHEN 'PublicSecurity' THEN 'public-security'
                     WHEN 'DisciplineCommission' THEN 'discipline-commission' WHEN 'OtherProvinceHrss' THEN 'other-province'
                     WHEN 'OtherAgency' THEN 'other-agency' WHEN 'Jurisdiction' THEN 'jurisdiction' ELSE 'none' END AS transfer,
                COALESCE(rep."Finding", 'none')::text AS finding,
                COALESCE(rep."Referral", 'none')::text AS referral,
                CASE
                    WHEN d.decided IS NOT NULL THEN CASE WHEN d.decided <= rep."AcceptanceDueAt" THEN 'on-time' ELSE 'late' END
                    WHEN rep."Status" IN ('Merged', 'Withdrawn') THEN 'n/a'
                    WHEN rep."DueState" = 'Overdue' THEN 'late'
                    ELSE 'pending' END AS accept,
                CASE
                    WHEN rep."AcceptedAt" IS NULL THEN 'n/a'
                    WHEN rep."ConcludedAt" IS NOT NULL THEN CASE WHEN rep."ConcludedAt" <= rep."ConclusionDueAt" THEN 'on-time' ELSE 'late' END
                    WHEN rep."Status" IN ('Merged', 'Withdrawn', 'Closed', 'NotAccepted', 'Transferred') THEN 'n/a'
                    WHEN rep."DueState" = 'Overdue' THEN 'late'
                    ELSE 'pending' END AS conclude,
                CASE WHEN rep."Status" IN ('Submitted', 'Accepted', 'Assigned', 'UnderVerification', 'Concluded', 'Referred', 'ReviewRequested')
                     THEN CASE WHEN rep."DueState" = 'Overdue' THEN 'overdue' ELSE 'in-time' END
                     ELSE 'finished' END AS state,
                CASE WHEN w."Id" IS NULL THEN 'none'
                     WHEN w."Status" IN ('Proposed', 'Returned') THEN 'awaiting'
                     WHEN w."Status" = 'Refused' THEN 'refused'
                     WHEN w."Status" = 'Paid' THEN 'paid'
                     WHEN w."Status" = 'Claimed' THEN 'claimed'
                     WHEN w."ClaimBy" < (now() AT TIME ZONE petitions_time_zone())::date THEN 'lapsed'
                     ELSE 'granted' END AS reward,
                rep."MoneyStoppedYuan" AS stopped,
                rep."MoneyRecoveredYuan" AS recovered,
                rep."PeopleSanctioned" AS sanctioned,
                rep."PeopleReferred" AS referred,
                floor(extract(epoch FROM d.decided - rep."SubmittedAt") / 86400)::int AS accept_days,
                -- The original handling only: a first conclusion reached after a reopening is the second handling's.
                CASE WHEN rep."ReopenedAt" IS NULL OR COALESCE(rep."FirstConcludedAt", rep."ConcludedAt") < rep."ReopenedAt"
                     THEN floor(extract(epoch FROM COALESCE(rep."FirstConcludedAt", rep."ConcludedAt") - rep."SubmittedAt") / 86400)::int END AS conclude_days,
                floor(extract(epoch FROM rep."ConcludedAt" - rep."ReopenedAt") / 86400)::int AS review_days
            FROM reports rep
            LEFT JOIN rewards w ON w."ReportId" = rep."Id"
            CROSS JOIN LATERAL (SELECT COALESCE(rep."AcceptedAt", CASE WHEN rep."Status" IN ('NotAccepted', 'Transferred') THEN rep."AnsweredAt" END) AS decided) d;

            -- Each report's facts as last counted into the figures: what a change subtracts.
            CREATE TABLE stats_facts AS SELECT * FROM stats_report_facts WITH NO DATA;
            ALTER TABLE stats_facts ADD PRIMARY KEY (report_id);
            CREATE INDEX ix_stats_facts_granted ON stats_facts (report_id) WHERE reward = 'granted';

            -- Reports changed since the last fold, noted by the trigger in the changing transaction.
            CREATE TABLE stats_changes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, report_id uuid NOT NULL, noted_at timestamptz NOT NULL DEFAULT now());

            -- Counts and sums per month of receipt, region (each report at every level of its region) and breakdown value.
            CREATE TABLE stats_cube (
                month date NOT NULL, region char(6) NOT NULL, dim text NOT NULL, val text NOT NULL,
                n integer NOT NULL, money_stopped numeric(18,2) NOT NULL, money_recovered numeric(18,2) NOT NULL,
                with_stopped integer NOT NULL, with_recovered integer NOT NULL, sanctioned integer NOT NULL, referred integer NOT NULL,
                PRIMARY KEY (region, dim, month, val));
            -- Histograms of whole days to the acceptance decision, the first conclusion and a reopened report's conclusion.
            CREATE TABLE stats_days (
                month date NOT NULL, region char(6) NOT NULL, metric text NOT NULL, days integer NOT NULL, n integer NOT NULL,
                PRIMARY KEY (region, metric, month, days));
            -- Provinces whose figures moved since the public figures were last computed (the suppression never
            -- relates one province's cells to another's), with the last change folded for them.
            CREATE TABLE stats_dirty (province char(2) PRIMARY KEY, mark bigint NOT NULL);
            -- When the last fold ran: the "as of" of the complete figures.
            CREATE TABLE stats_state (id integer PRIMARY KEY CHECK (id = 1), folded_at timestamptz NOT NULL);
            """;

        private const string Functions = """
            -- Granted rewards whose claiming day has passed: they become "lapsed" with no change to any row.
            CREATE VIEW stats_lapsed_rewards AS
            SELECT f.report_id FROM stats_facts f JOIN rewards w ON w."ReportId" = f.report_id
            WHERE f.reward = 'granted' AND w."ClaimBy" < (now() AT TIME ZONE petitions_time_zone())::date;

            -- fold_ids (report_id) → fold_rows: each report's old facts with sign -1 and its new facts with sign +1.
            CREATE FUNCTION stats_fold_rows() RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
            BEGIN
                ANALYZE fold_ids;
                DROP TABLE IF EXISTS fold_rows;
                CREATE TEMP TABLE fold_rows AS
                    SELECT f.*, -1 AS sign FROM stats_facts f WHERE f.report_id IN (SELECT report_id FROM fold_ids)
                    UNION ALL
                    SELECT v.*, 1 FROM stats_report_facts v WHERE v.report_id IN (SELECT report_id FROM fold_ids);
            END $$;

            -- fold_rows → fold_cube and fold_days: the signed counts and sums per cell. The one place a report's facts
            -- become cells, for a fold and for a count from scratch alike.
            CREATE FUNCTION stats_aggregate() RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
            BEGIN
                DROP TABLE IF EXISTS fold_cube, fold_days;
                CREATE TEMP TABLE fold_cube AS
                SELECT r.month, a.region::char(6) AS region, x.dim, x.val,
                       sum(r.sign)::int AS n,
                       sum(r.sign * r.stopped)::numeric(18,2) AS money_stopped,
                       sum(r.sign * r.recovered)::numeric(18,2) AS money_recovered,
                       sum(CASE WHEN r.stopped > 0 THEN r.sign ELSE 0 END)::int AS with_stopped,
                       sum(CASE WHEN r.recovered > 0 THEN r.sign ELSE 0 END)::int AS with_recovered,
                       sum(r.sign * r.sanctioned)::int AS sanctioned,
                       sum(r.sign * r.referred)::int AS referred
                FROM fold_rows r
                CROSS JOIN LATERAL (VALUES (left(r.code, 2) || '0000'),
                                           (CASE WHEN r.code NOT LIKE '__0000' THEN left(r.code, 4) || '00' END),
                                           (CASE WHEN r.code NOT LIKE '____00' THEN r.code END)) a(region)
                CROSS JOIN LATERAL (VALUES ('all', ''), ('kind', r.kind), ('status', r.status), ('source', r.source),
                                           ('finding', r.finding), ('referral', r.referral), ('accept', r.accept),
                                           ('conclude', r.conclude), ('state', r.state), ('origin', r.origin), ('channel', r.channel),
                                           ('transfer', r.transfer), ('reward', r.reward)) x(dim, val)
                WHERE a.region IS NOT NULL
                GROUP BY 1, 2, 3, 4;
                CREATE TEMP TABLE fold_days AS
                SELECT r.month, a.region::char(6) AS region, x.metric, least(greatest(x.days, 0), 3650) AS days, sum(r.sign)::int AS n
                FROM fold_rows r
                CROSS JOIN LATERAL (VALUES (left(r.code, 2) || '0000'),
                                           (CASE WHEN r.code NOT LIKE '__0000' THEN left(r.code, 4) || '00' END),
                                           (CASE WHEN r.code NOT LIKE '____00' THEN r.code END)) a(region)
                CROSS JOIN LATERAL (VALUES ('accept', r.accept_days), ('conclude', r.conclude_days), ('review', r.review_days)) x(metric, days)
                WHERE a.region IS NOT NULL AND x.days IS NOT NULL
                GROUP BY 1, 2, 3, 4;
            END $$;

            -- Folds every noted change into the figures, in one transaction: a crash leaves the changes noted and the
            -- figures as they were. Returns the number of reports folded.
            CREATE FUNCTION stats_fold(at timestamptz DEFAULT now()) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
                SET search_path = public, pg_temp AS $$
            DECLARE folded integer;
            BEGIN
                PERFORM pg_advisory_xact_lock(7291001);
                INSERT INTO stats_state VALUES (1, at) ON CONFLICT (id) DO UPDATE SET folded_at = excluded.folded_at;
                INSERT INTO stats_changes (report_id) SELECT report_id FROM stats_lapsed_rewards;
                DROP TABLE IF EXISTS fold_ids;
                CREATE TEMP TABLE fold_ids AS
                    WITH d AS (DELETE FROM stats_changes RETURNING id, report_id) SELECT report_id, max(id) AS last FROM d GROUP BY report_id;
                GET DIAGNOSTICS folded = ROW_COUNT;
                IF folded = 0 THEN
                    RETURN 0;
                END IF;
                PERFORM stats_fold_rows();
                PERFORM stats_aggregate();
                DELETE FROM fold_cube WHERE (n, money_stopped, money_recovered, with_stopped, with_recovered, sanctioned, referred) = (0, 0, 0, 0, 0, 0, 0);
                DELETE FROM fold_days WHERE n = 0;
                INSERT INTO stats_cube AS c SELECT * FROM fold_cube
                ON CONFLICT (region, dim, month, val) DO UPDATE SET
                    n = c.n + excluded.n, money_stopped = c.money_stopped + excluded.money_stopped,
                    money_recovered = c.money_recovered + excluded.money_recovered, with_stopped = c.with_stopped + excluded.with_stopped,
                    with_recovered = c.with_recovered + excluded.with_recovered, sanctioned = c.sanctioned + excluded.sanctioned,
                    referred = c.referred + excluded.referred;
                DELETE FROM stats_cube c USING fold_cube f
                WHERE c.region = f.region AND c.dim = f.dim AND c.month = f.month AND c.val = f.val AND c.n = 0;
                INSERT INTO stats_days AS c SELECT * FROM fold_days
                ON CONFLICT (region, metric, month, days) DO UPDATE SET n = c.n + excluded.n;
                DELETE FROM stats_days c USING fold_days f
                WHERE c.region = f.region AND c.metric = f.metric AND c.month = f.month AND c.days = f.days AND c.n = 0;
                DELETE FROM stats_facts WHERE report_id IN (SELECT report_id FROM fold_ids);
                INSERT INTO stats_facts SELECT report_id, month, code, kind, status, source, origin, channel, transfer, finding, referral,
                    accept, conclude, state, reward, stopped, recovered, sanctioned, referred, accept_days, conclude_days, review_days
                FROM fold_rows WHERE sign = 1;
                INSERT INTO stats_dirty (province, mark)
                SELECT DISTINCT left(region, 2), (SELECT max(last) FROM fold_ids) FROM fold_cube UNION SELECT DISTINCT left(region, 2), (SELECT max(last) FROM fold_ids) FROM fold_days
                ON CONFLICT (province) DO UPDATE SET mark = excluded.mark;
                DROP TABLE fold_ids, fold_rows, fold_cube, fold_days;
                RETURN folded;
            END $$;

            -- Starts the figures over from the reports (after a difference, or a change of time zone). Deletes rather
            -- than truncates, so readers keep the old figures until it commits.
            CREATE FUNCTION stats_rebuild() RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock(7291001);
                DELETE FROM stats_cube;
                DELETE FROM stats_days;
                DELETE FROM stats_facts;
                DELETE FROM stats_changes;
                INSERT INTO stats_changes (report_id) SELECT "Id" FROM reports;
                RETURN stats_fold();
            END $$;

            -- Counts, from the reports alone, every cell as the figures will read once the noted changes are folded,
            -- and returns how many cells differ. Run it in a REPEATABLE READ transaction: one snapshot for both sides.
            CREATE FUNCTION stats_compare() RETURNS TABLE (cube_cells bigint, days_cells bigint) LANGUAGE plpgsql SECURITY DEFINER
                SET search_path = public, pg_temp AS $$
            BEGIN
                DROP TABLE IF EXISTS fold_ids, incr_cube, incr_days;
                CREATE TEMP TABLE fold_ids AS SELECT report_id FROM stats_changes UNION SELECT report_id FROM stats_lapsed_rewards;
                PERFORM stats_fold_rows();
                PERFORM stats_aggregate();
                CREATE TEMP TABLE incr_cube AS
                SELECT month, region, dim, val, sum(n)::int AS n, sum(money_stopped)::numeric(18,2) AS money_stopped,
                       sum(money_recovered)::numeric(18,2) AS money_recovered, sum(with_stopped)::int AS with_stopped,
                       sum(with_recovered)::int AS with_recovered, sum(sanctioned)::int AS sanctioned, sum(referred)::int AS referred
                FROM (SELECT * FROM stats_cube UNION ALL SELECT * FROM fold_cube) t GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
                CREATE TEMP TABLE incr_days AS
                SELECT month, region, metric, days, sum(n)::int AS n FROM (SELECT * FROM stats_days UNION ALL SELECT * FROM fold_days) t
                GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
                DROP TABLE fold_rows;
                CREATE TEMP TABLE fold_rows AS SELECT v.*, 1 AS sign FROM stats_report_facts v;
                PERFORM stats_aggregate();
                RETURN QUERY SELECT
                    (SELECT count(*) FROM ((SELECT * FROM incr_cube EXCEPT ALL SELECT * FROM fold_cube)
                                           UNION ALL (SELECT * FROM fold_cube EXCEPT ALL SELECT * FROM incr_cube)) x),
                    (SELECT count(*) FROM ((SELECT * FROM incr_days EXCEPT ALL SELECT * FROM fold_days)
                                           UNION ALL (SELECT * FROM fold_days EXCEPT ALL SELECT * FROM incr_days)) x);
                DROP TABLE fold_ids, fold_rows, fold_cube, fold_days, incr_cube, incr_days;
            END $$;

            REVOKE ALL ON FUNCTION stats_fold(timestamptz), stats_rebuild(), stats_compare() FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION stats_fold(timestamptz), stats_rebuild(), stats_compare() TO petitions_site;
            """;

        private const string Triggers = """
            -- A report's change is noted in its own transaction, whichever code made it (a use case, a job's bulk update,
            -- a purge), but only when a column the figures read changed.
            CREATE FUNCTION stats_report_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO stats_changes (report_id) VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD."Id" ELSE NEW."Id" END);
                RETURN NULL;
            END $$;
            CREATE TRIGGER stats_changes AFTER INSERT OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION stats_report_changed();
            CREATE TRIGGER stats_changes_update AFTER UPDATE ON reports FOR EACH ROW
            WHEN ((OLD."SubmittedAt", OLD."RegionCode", OLD."KindCode", OLD."Status", OLD."IsAnonymous", OLD."Source", OLD."Channel",
                   OLD."TransferredTo", OLD."Finding", OLD."Referral", OLD."AcceptedAt", OLD."AnsweredAt", OLD."AcceptanceDueAt",
                   OLD."DueState", OLD."ConcludedAt", OLD."ConclusionDueAt", OLD."FirstConcludedAt", OLD."ReopenedAt",
                   OLD."MoneyStoppedYuan", OLD."MoneyRecoveredYuan", OLD."PeopleSanctioned", OLD."PeopleReferred")
                  IS DISTINCT FROM
                  (NEW."SubmittedAt", NEW."RegionCode", NEW."KindCode", NEW."Status", NEW."IsAnonymous", NEW."Source", NEW."Channel",
                   NEW."TransferredTo", NEW."Finding", NEW."Referral", NEW."AcceptedAt", NEW."AnsweredAt", NEW."AcceptanceDueAt",
                   NEW."DueState", NEW."ConcludedAt", NEW."ConclusionDueAt", NEW."FirstConcludedAt", NEW."ReopenedAt",
                   NEW."MoneyStoppedYuan", NEW."MoneyRecoveredYuan", NEW."PeopleSanctioned", NEW."PeopleReferred"))
            EXECUTE FUNCTION stats_report_changed();

            CREATE FUNCTION stats_reward_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO stats_changes (report_id) VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD."ReportId" ELSE NEW."ReportId" END);
                RETURN NULL;
            END $$;
            CREATE TRIGGER stats_changes AFTER INSERT OR DELETE OR UPDATE OF "Status", "ClaimBy", "ReportId" ON rewards
            FOR EACH ROW EXECUTE FUNCTION stats_reward_changed();
            """;
    }
}

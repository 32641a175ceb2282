using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ReportChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                // Every report before this one came through the online form.
                defaultValue: "Online");

            // The statistics views gain the "channel" breakdown.
            migrationBuilder.Sql(DropViews);
            migrationBuilder.Sql(CreateViews);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropViews);
            migrationBuilder.Sql(CreateViewsBefore);

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "reports");
        }
    
        // The SQL as this migration runs it, frozen here: a later change is a later migration.
        private const string DropViews = """
            DROP MATERIALIZED VIEW IF EXISTS stats_days;
            DROP MATERIALIZED VIEW IF EXISTS stats_cube;
            """;

        private const string CreateViews = """
            -- The portal's time zone (TimeLimits:TimeZoneId). The statistics job sets petitions.time_zone for its
            -- transaction before a refresh, so months are counted in the configured zone; without it, China time.
            CREATE OR REPLACE FUNCTION petitions_time_zone() RETURNS text LANGUAGE sql STABLE AS
            $fn$ SELECT coalesce(nullif(current_setting('petitions.time_zone', true), ''), 'Asia/Shanghai') $fn$;

            CREATE MATERIALIZED VIEW stats_cube AS
            WITH r AS (
                SELECT
                    date_trunc('month', rep."SubmittedAt" AT TIME ZONE petitions_time_zone())::date AS month,
                    rep."RegionCode" AS code,
                    rep."KindCode"::text AS kind,
                    rep."Status"::text AS status,
                    CASE WHEN rep."IsAnonymous" THEN 'anonymous' ELSE 'real-name' END AS source,
                    CASE rep."Source" WHEN 'InspectionTour' THEN 'inspection-tour' WHEN 'Audit' THEN 'audit'
                         WHEN 'DisciplineCase' THEN 'discipline-case' ELSE 'citizen' END AS origin,
                    CASE rep."Channel" WHEN 'Letter' THEN 'letter' WHEN 'Phone' THEN 'phone' WHEN 'Visit' THEN 'visit'
                         WHEN 'Email' THEN 'email' WHEN 'OtherAgency' THEN 'other-agency' ELSE 'online' END AS channel,
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
                        WHEN rep."Status" IN ('Merged', 'Withdrawn', 'Closed', 'NotAccepted') THEN 'n/a'
                        WHEN rep."DueState" = 'Overdue' THEN 'late'
                        ELSE 'pending' END AS conclude,
                    CASE WHEN rep."Status" IN ('Submitted', 'Accepted', 'Assigned', 'UnderVerification', 'Concluded', 'Referred', 'ReviewRequested')
                         THEN CASE WHEN rep."DueState" = 'Overdue' THEN 'overdue' ELSE 'in-time' END
                         ELSE 'finished' END AS state,
                    rep."MoneyStoppedYuan" AS stopped,
                    rep."MoneyRecoveredYuan" AS recovered,
                    rep."PeopleSanctioned" AS sanctioned,
                    rep."PeopleReferred" AS referred
                FROM reports rep
                CROSS JOIN LATERAL (SELECT COALESCE(rep."AcceptedAt", CASE WHEN rep."Status" = 'NotAccepted' THEN rep."AnsweredAt" END) AS decided) d
            )
            SELECT r.month, a.region::char(6) AS region, x.dim, x.val,
                   count(*)::int AS n,
                   sum(r.stopped)::numeric(18,2) AS money_stopped,
                   sum(r.recovered)::numeric(18,2) AS money_recovered,
                   (count(*) FILTER (WHERE r.stopped > 0))::int AS with_stopped,
                   (count(*) FILTER (WHERE r.recovered > 0))::int AS with_recovered,
                   sum(r.sanctioned)::int AS sanctioned,
                   sum(r.referred)::int AS referred
            FROM r
            CROSS JOIN LATERAL (VALUES (left(r.code, 2) || '0000'),
                                       (CASE WHEN r.code NOT LIKE '__0000' THEN left(r.code, 4) || '00' END),
                                       (CASE WHEN r.code NOT LIKE '____00' THEN r.code::text END)) a(region)
            CROSS JOIN LATERAL (VALUES ('all', ''), ('kind', r.kind), ('status', r.status), ('source', r.source),
                                       ('finding', r.finding), ('referral', r.referral), ('accept', r.accept),
                                       ('conclude', r.conclude), ('state', r.state), ('origin', r.origin), ('channel', r.channel)) x(dim, val)
            WHERE a.region IS NOT NULL
            GROUP BY r.month, a.region, x.dim, x.val;

            CREATE UNIQUE INDEX ux_stats_cube ON stats_cube (region, dim, month, val);

            CREATE MATERIALIZED VIEW stats_days AS
            WITH r AS (
                SELECT
                    date_trunc('month', rep."SubmittedAt" AT TIME ZONE petitions_time_zone())::date AS month,
                    rep."RegionCode" AS code,
                    floor(extract(epoch FROM d.decided - rep."SubmittedAt") / 86400)::int AS accept_days,
                    floor(extract(epoch FROM rep."ConcludedAt" - rep."SubmittedAt") / 86400)::int AS conclude_days
                FROM reports rep
                CROSS JOIN LATERAL (SELECT COALESCE(rep."AcceptedAt", CASE WHEN rep."Status" = 'NotAccepted' THEN rep."AnsweredAt" END) AS decided) d
                WHERE d.decided IS NOT NULL OR rep."ConcludedAt" IS NOT NULL
            )
            SELECT r.month, a.region::char(6) AS region, x.metric, least(greatest(x.days, 0), 3650) AS days, count(*)::int AS n
            FROM r
            CROSS JOIN LATERAL (VALUES (left(r.code, 2) || '0000'),
                                       (CASE WHEN r.code NOT LIKE '__0000' THEN left(r.code, 4) || '00' END),
                                       (CASE WHEN r.code NOT LIKE '____00' THEN r.code::text END)) a(region)
            CROSS JOIN LATERAL (VALUES ('accept', r.accept_days), ('conclude', r.conclude_days)) x(metric, days)
            WHERE a.region IS NOT NULL AND x.days IS NOT NULL
            GROUP BY 1, 2, 3, 4;

            CREATE UNIQUE INDEX ux_stats_days ON stats_days (region, metric, month, days);
            """;

        private const string CreateViewsBefore = """
            -- The portal's time zone (TimeLimits:TimeZoneId). The statistics job sets petitions.time_zone for its
            -- transaction before a refresh, so months are counted in the configured zone; without it, China time.
            CREATE OR REPLACE FUNCTION petitions_time_zone() RETURNS text LANGUAGE sql STABLE AS
            $fn$ SELECT coalesce(nullif(current_setting('petitions.time_zone', true), ''), 'Asia/Shanghai') $fn$;

            CREATE MATERIALIZED VIEW stats_cube AS
            WITH r AS (
                SELECT
                    date_trunc('month', rep."SubmittedAt" AT TIME ZONE petitions_time_zone())::date AS month,
                    rep."RegionCode" AS code,
                    rep."KindCode"::text AS kind,
                    rep."Status"::text AS status,
                    CASE WHEN rep."IsAnonymous" THEN 'anonymous' ELSE 'real-name' END AS source,
                    CASE rep."Source" WHEN 'InspectionTour' THEN 'inspection-tour' WHEN 'Audit' THEN 'audit'
                         WHEN 'DisciplineCase' THEN 'discipline-case' ELSE 'citizen' END AS origin,
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
                        WHEN rep."Status" IN ('Merged', 'Withdrawn', 'Closed', 'NotAccepted') THEN 'n/a'
                        WHEN rep."DueState" = 'Overdue' THEN 'late'
                        ELSE 'pending' END AS conclude,
                    CASE WHEN rep."Status" IN ('Submitted', 'Accepted', 'Assigned', 'UnderVerification', 'Concluded', 'Referred', 'ReviewRequested')
                         THEN CASE WHEN rep."DueState" = 'Overdue' THEN 'overdue' ELSE 'in-time' END
                         ELSE 'finished' END AS state,
                    rep."MoneyStoppedYuan" AS stopped,
                    rep."MoneyRecoveredYuan" AS recovered,
                    rep."PeopleSanctioned" AS sanctioned,
                    rep."PeopleReferred" AS referred
                FROM reports rep
                CROSS JOIN LATERAL (SELECT COALESCE(rep."AcceptedAt", CASE WHEN rep."Status" = 'NotAccepted' THEN rep."AnsweredAt" END) AS decided) d
            )
            SELECT r.month, a.region::char(6) AS region, x.dim, x.val,
                   count(*)::int AS n,
                   sum(r.stopped)::numeric(18,2) AS money_stopped,
                   sum(r.recovered)::numeric(18,2) AS money_recovered,
                   (count(*) FILTER (WHERE r.stopped > 0))::int AS with_stopped,
                   (count(*) FILTER (WHERE r.recovered > 0))::int AS with_recovered,
                   sum(r.sanctioned)::int AS sanctioned,
                   sum(r.referred)::int AS referred
            FROM r
            CROSS JOIN LATERAL (VALUES (left(r.code, 2) || '0000'),
                                       (CASE WHEN r.code NOT LIKE '__0000' THEN left(r.code, 4) || '00' END),
                                       (CASE WHEN r.code NOT LIKE '____00' THEN r.code::text END)) a(region)
            CROSS JOIN LATERAL (VALUES ('all', ''), ('kind', r.kind), ('status', r.status), ('source', r.source),
                                       ('finding', r.finding), ('referral', r.referral), ('accept', r.accept),
                                       ('conclude', r.conclude), ('state', r.state), ('origin', r.origin)) x(dim, val)
            WHERE a.region IS NOT NULL
            GROUP BY r.month, a.region, x.dim, x.val;

            CREATE UNIQUE INDEX ux_stats_cube ON stats_cube (region, dim, month, val);

            CREATE MATERIALIZED VIEW stats_days AS
            WITH r AS (
                SELECT
                    date_trunc('month', rep."SubmittedAt" AT TIME ZONE petitions_time_zone())::date AS month,
                    rep."RegionCode" AS code,
                    floor(extract(epoch FROM d.decided - rep."SubmittedAt") / 86400)::int AS accept_days,
                    floor(extract(epoch FROM rep."ConcludedAt" - rep."SubmittedAt") / 86400)::int AS conclude_days
                FROM reports rep
                CROSS JOIN LATERAL (SELECT COALESCE(rep."AcceptedAt", CASE WHEN rep."Status" = 'NotAccepted' THEN rep."AnsweredAt" END) AS decided) d
                WHERE d.decided IS NOT NULL OR rep."ConcludedAt" IS NOT NULL
            )
            SELECT r.month, a.region::char(6) AS region, x.metric, least(greatest(x.days, 0), 3650) AS days, count(*)::int AS n
            FROM r
            CROSS JOIN LATERAL (VALUES (left(r.code, 2) || '0000'),
                                       (CASE WHEN r.code NOT LIKE '__0000' THEN left(r.code, 4) || '00' END),
                                       (CASE WHEN r.code NOT LIKE '____00' THEN r.code::text END)) a(region)
            CROSS JOIN LATERAL (VALUES ('accept', r.accept_days), ('conclude', r.conclude_days)) x(metric, days)
            WHERE a.region IS NOT NULL AND x.days IS NOT NULL
            GROUP BY 1, 2, 3, 4;

            CREATE UNIQUE INDEX ux_stats_days ON stats_days (region, metric, month, days);
            """;
    }
}

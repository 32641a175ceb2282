using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class HandlingTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FirstConcludedAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReopenedAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.Sql(Backfill);
            migrationBuilder.Sql(DaysView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DaysViewBefore);
            migrationBuilder.DropColumn(
                name: "FirstConcludedAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "ReopenedAt",
                table: "reports");
        }

        // The first conclusion and the last reopening, read from each report's timeline.
        private const string Backfill = """
            UPDATE reports r SET "ReopenedAt" = e.at
            FROM (SELECT "ReportId", max("At") AS at FROM report_events WHERE "Kind" = 'ReExamined' OR "Action" = 'Reopen' GROUP BY 1) e
            WHERE e."ReportId" = r."Id";
            UPDATE reports r SET "FirstConcludedAt" = e.at
            FROM (SELECT "ReportId", min("At") AS at FROM report_events WHERE "Action" = 'RecordFinding' GROUP BY 1) e
            WHERE e."ReportId" = r."Id";
            UPDATE reports SET "FirstConcludedAt" = "ConcludedAt" WHERE "FirstConcludedAt" IS NULL AND "ConcludedAt" IS NOT NULL;
            """;

        // Handling days as three measures: the acceptance decision and the first conclusion, both from receipt, and the
        // second handling of a reopened report, from its reopening to its new conclusion (never from the first receipt).
        internal const string DaysView = """
            DROP MATERIALIZED VIEW IF EXISTS stats_days;
            CREATE MATERIALIZED VIEW stats_days AS
            WITH r AS (
                SELECT
                    date_trunc('month', rep."SubmittedAt" AT TIME ZONE petitions_time_zone())::date AS month,
                    rep."RegionCode" AS code,
                    floor(extract(epoch FROM d.decided - rep."SubmittedAt") / 86400)::int AS accept_days,
                    -- The original handling only: a first conclusion reached after a reopening (a declined report overturned
                    -- years later) is the second handling's, measured from the reopening below.
                    CASE WHEN rep."ReopenedAt" IS NULL OR COALESCE(rep."FirstConcludedAt", rep."ConcludedAt") < rep."ReopenedAt"
                         THEN floor(extract(epoch FROM COALESCE(rep."FirstConcludedAt", rep."ConcludedAt") - rep."SubmittedAt") / 86400)::int END AS conclude_days,
                    floor(extract(epoch FROM rep."ConcludedAt" - rep."ReopenedAt") / 86400)::int AS review_days
                FROM reports rep
                CROSS JOIN LATERAL (SELECT COALESCE(rep."AcceptedAt", CASE WHEN rep."Status" IN ('NotAccepted', 'Transferred') THEN rep."AnsweredAt" END) AS decided) d
                WHERE d.decided IS NOT NULL OR rep."ConcludedAt" IS NOT NULL OR rep."FirstConcludedAt" IS NOT NULL
            )
            SELECT r.month, a.region::char(6) AS region, x.metric, least(greatest(x.days, 0), 3650) AS days, count(*)::int AS n
            FROM r
            CROSS JOIN LATERAL (VALUES (left(r.code, 2) || '0000'),
                                       (CASE WHEN r.code NOT LIKE '__0000' THEN left(r.code, 4) || '00' END),
                                       (CASE WHEN r.code NOT LIKE '____00' THEN r.code::text END)) a(region)
            CROSS JOIN LATERAL (VALUES ('accept', r.accept_days), ('conclude', r.conclude_days), ('review', r.review_days)) x(metric, days)
            WHERE a.region IS NOT NULL AND x.days IS NOT NULL
            GROUP BY 1, 2, 3, 4;

            CREATE UNIQUE INDEX ux_stats_days ON stats_days (region, metric, month, days);
            """;

        private const string DaysViewBefore = """
            DROP MATERIALIZED VIEW IF EXISTS stats_days;
            CREATE MATERIALIZED VIEW stats_days AS
            WITH r AS (
                SELECT
                    date_trunc('month', rep."SubmittedAt" AT TIME ZONE petitions_time_zone())::date AS month,
                    rep."RegionCode" AS code,
                    floor(extract(epoch FROM d.decided - rep."SubmittedAt") / 86400)::int AS accept_days,
                    floor(extract(epoch FROM rep."ConcludedAt" - rep."SubmittedAt") / 86400)::int AS conclude_days
                FROM reports rep
                CROSS JOIN LATERAL (SELECT COALESCE(rep."AcceptedAt", CASE WHEN rep."Status" IN ('NotAccepted', 'Transferred') THEN rep."AnsweredAt" END) AS decided) d
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

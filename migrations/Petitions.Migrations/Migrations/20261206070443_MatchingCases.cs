using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class MatchingCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Decision",
                table: "match_hits",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldNullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecidedAt",
                table: "match_hits",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DecidedById",
                table: "match_hits",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionNote",
                table: "match_hits",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FalsePositiveReason",
                table: "match_hits",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Recovered",
                table: "match_hits",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReportId",
                table: "match_hits",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StoppedOn",
                table: "match_hits",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ToRecover",
                table: "match_hits",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_reports_matching_reference",
                table: "reports",
                column: "SourceReference",
                unique: true,
                filter: "\"Source\" = 'DataMatching'");

            migrationBuilder.CreateIndex(
                name: "IX_match_hits_ReportId",
                table: "match_hits",
                column: "ReportId");

            // Cases the matching opened count under their own origin, not as citizens' reports.
            migrationBuilder.Sql(CubeWithMatching);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CubeBefore);
            migrationBuilder.DropIndex(
                name: "ux_reports_matching_reference",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_match_hits_ReportId",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "DecidedById",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "DecisionNote",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "FalsePositiveReason",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "Recovered",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "ReportId",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "StoppedOn",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "ToRecover",
                table: "match_hits");

            migrationBuilder.AlterColumn<string>(
                name: "Decision",
                table: "match_hits",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldNullable: true);
        }
    
        // The SQL as this migration runs it, frozen here: a later change is a later migration.
        private const string CubeWithMatching = """
            DROP MATERIALIZED VIEW IF EXISTS stats_cube;
            CREATE MATERIALIZED VIEW stats_cube AS
            WITH r AS (
                SELECT
                    date_trunc('month', rep."SubmittedAt" AT TIME ZONE petitions_time_zone())::date AS month,
                    rep."RegionCode" AS code,
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
                    rep."MoneyStoppedYuan" AS stopped,
                    rep."MoneyRecoveredYuan" AS recovered,
                    rep."PeopleSanctioned" AS sanctioned,
                    rep."PeopleReferred" AS referred
                FROM reports rep
                CROSS JOIN LATERAL (SELECT COALESCE(rep."AcceptedAt", CASE WHEN rep."Status" IN ('NotAccepted', 'Transferred') THEN rep."AnsweredAt" END) AS decided) d
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
                                       ('conclude', r.conclude), ('state', r.state), ('origin', r.origin), ('channel', r.channel),
                                       ('transfer', r.transfer)) x(dim, val)
            WHERE a.region IS NOT NULL
            GROUP BY r.month, a.region, x.dim, x.val;

            CREATE UNIQUE INDEX ux_stats_cube ON stats_cube (region, dim, month, val);
            """;

        private const string CubeBefore = """
            DROP MATERIALIZED VIEW IF EXISTS stats_cube;
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
                    rep."MoneyStoppedYuan" AS stopped,
                    rep."MoneyRecoveredYuan" AS recovered,
                    rep."PeopleSanctioned" AS sanctioned,
                    rep."PeopleReferred" AS referred
                FROM reports rep
                CROSS JOIN LATERAL (SELECT COALESCE(rep."AcceptedAt", CASE WHEN rep."Status" IN ('NotAccepted', 'Transferred') THEN rep."AnsweredAt" END) AS decided) d
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
                                       ('conclude', r.conclude), ('state', r.state), ('origin', r.origin), ('channel', r.channel),
                                       ('transfer', r.transfer)) x(dim, val)
            WHERE a.region IS NOT NULL
            GROUP BY r.month, a.region, x.dim, x.val;

            CREATE UNIQUE INDEX ux_stats_cube ON stats_cube (region, dim, month, val);
            """;
    }
}

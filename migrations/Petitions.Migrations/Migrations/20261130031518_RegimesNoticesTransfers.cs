using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RegimesNoticesTransfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DueProvisional",
                table: "reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RegimeCode",
                table: "reports",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "letters-visits-2022");

            migrationBuilder.AddColumn<string>(
                name: "TransferReason",
                table: "reports",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferReceiver",
                table: "reports",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TransferredAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferredTo",
                table: "reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferredToRegionCode",
                table: "reports",
                type: "character(6)",
                fixedLength: true,
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "FormalNoticeId",
                table: "reporter_notices",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegimeCode",
                table: "report_kinds",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "letters-visits-2022");

            migrationBuilder.CreateTable(
                name: "formal_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Culture = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IssuedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_formal_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_formal_notices_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "legal_regimes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Citation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TransferRestartsClock = table.Column<bool>(type: "boolean", nullable: false),
                    Acceptance_Count = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Acceptance_Days = table.Column<int>(type: "integer", nullable: false),
                    AcceptanceNotice_Count = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AcceptanceNotice_Days = table.Column<int>(type: "integer", nullable: false),
                    Conclusion_Count = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Conclusion_Days = table.Column<int>(type: "integer", nullable: false),
                    MaxExtension_Count = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MaxExtension_Days = table.Column<int>(type: "integer", nullable: false),
                    ReviewAnswer_Count = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ReviewAnswer_Days = table.Column<int>(type: "integer", nullable: false),
                    ReviewRequest_Count = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ReviewRequest_Days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legal_regimes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "notice_counters",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notice_counters", x => new { x.Year, x.Kind });
                });

            migrationBuilder.CreateTable(
                name: "notice_templates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Culture = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notice_templates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reports_DueProvisional",
                table: "reports",
                column: "DueProvisional",
                filter: "\"DueProvisional\"");

            migrationBuilder.CreateIndex(
                name: "IX_reports_RegimeCode",
                table: "reports",
                column: "RegimeCode");

            migrationBuilder.CreateIndex(
                name: "IX_report_kinds_RegimeCode",
                table: "report_kinds",
                column: "RegimeCode");

            migrationBuilder.CreateIndex(
                name: "IX_formal_notices_ReportId",
                table: "formal_notices",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_formal_notices_Year_Kind_Sequence",
                table: "formal_notices",
                columns: new[] { "Year", "Kind", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notice_templates_Kind_Culture",
                table: "notice_templates",
                columns: new[] { "Kind", "Culture" },
                unique: true);

            migrationBuilder.Sql(SeedRegimes);

            migrationBuilder.AddForeignKey(
                name: "FK_report_kinds_legal_regimes_RegimeCode",
                table: "report_kinds",
                column: "RegimeCode",
                principalTable: "legal_regimes",
                principalColumn: "Code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_reports_legal_regimes_RegimeCode",
                table: "reports",
                column: "RegimeCode",
                principalTable: "legal_regimes",
                principalColumn: "Code",
                onDelete: ReferentialAction.Restrict);

            // The statistics views gain the "transfer" breakdown; a transfer out counts as decided.
            migrationBuilder.Sql(DropViews);
            migrationBuilder.Sql(CreateViews);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropViews);
            migrationBuilder.Sql(CreateViewsBefore);

            migrationBuilder.DropForeignKey(
                name: "FK_report_kinds_legal_regimes_RegimeCode",
                table: "report_kinds");

            migrationBuilder.DropForeignKey(
                name: "FK_reports_legal_regimes_RegimeCode",
                table: "reports");

            migrationBuilder.DropTable(
                name: "formal_notices");

            migrationBuilder.DropTable(
                name: "legal_regimes");

            migrationBuilder.DropTable(
                name: "notice_counters");

            migrationBuilder.DropTable(
                name: "notice_templates");

            migrationBuilder.DropIndex(
                name: "IX_reports_DueProvisional",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_RegimeCode",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_report_kinds_RegimeCode",
                table: "report_kinds");

            migrationBuilder.DropColumn(
                name: "DueProvisional",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "RegimeCode",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "TransferReason",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "TransferReceiver",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "TransferredAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "TransferredTo",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "TransferredToRegionCode",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "FormalNoticeId",
                table: "reporter_notices");

            migrationBuilder.DropColumn(
                name: "RegimeCode",
                table: "report_kinds");
        }

        // The SQL as this migration runs it, frozen here: a later change is a later migration.
        private const string DropViews = """
            DROP MATERIALIZED VIEW IF EXISTS stats_days;
            DROP MATERIALIZED VIEW IF EXISTS stats_cube;
            """;

        // The two regimes built in (an administrator may change their limits and add others; docs/time-limits.md).
        private const string SeedRegimes = """
            INSERT INTO legal_regimes ("Code", "NameZh", "NameEn", "Citation", "TransferRestartsClock",
                "Acceptance_Count", "Acceptance_Days", "AcceptanceNotice_Count", "AcceptanceNotice_Days", "Conclusion_Count", "Conclusion_Days",
                "MaxExtension_Count", "MaxExtension_Days", "ReviewRequest_Count", "ReviewRequest_Days", "ReviewAnswer_Count", "ReviewAnswer_Days")
            VALUES
            ('letters-visits-2022', '《信访工作条例》（2022）', 'Regulations on Letters and Visits (2022)',
             '信访工作条例（2022年5月1日起施行）：收到之日起15日内告知是否受理；受理之日起60日内办结，延长不超过30日；收到书面答复之日起30日内可请求复查，30日内提出复查意见',
             true, 'Calendar', 15, 'Calendar', 15, 'Calendar', 60, 'Calendar', 30, 'Calendar', 30, 'Calendar', 30),
            ('mohrss-order-49', '《社会保险基金监督举报工作管理办法》（人社部令第49号）', 'Measures on Social-Insurance Fund Supervision Reports (MOHRSS Order No. 49)',
             '人力资源社会保障部令第49号，2023年5月1日起施行：接收举报5个工作日内审查，不属本部门管辖的移送并告知实名举报人去向；自接收之日起10个工作日内告知有要求的实名举报人受理情况。办结期限按60个工作日、延长不超过30个工作日设置，以现行文本为准，管理员可修改',
             true, 'Working', 5, 'Working', 10, 'Working', 60, 'Working', 30, 'Calendar', 30, 'Calendar', 30)
            ON CONFLICT ("Code") DO NOTHING;
            -- Reports about the social-insurance funds themselves follow Order No. 49; the others (medical insurance has its
            -- own rules and bureau, dereliction, subsidy cards, other) the Letters-and-Visits regulations. Reports filed
            -- before keep the regime their due dates were computed under.
            UPDATE report_kinds SET "RegimeCode" = 'mohrss-order-49'
            WHERE "Code" IN ('deceased-pension', 'duplicate-claims', 'card-not-owner', 'inflated-benefit', 'improper-payment', 'staff-embezzlement');
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

    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RewardsInStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every report falls in one reward state ("none" for most), so the breakdown adds up to the total and the
            // public figures' small-cell rule covers it like any other partition.
            migrationBuilder.Sql(CubeWithRewards);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CubeBefore);
        }

        // The SQL as this migration runs it, frozen here: a later change is a later migration.
        internal const string CubeWithRewards = """
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
                    rep."PeopleReferred" AS referred
                FROM reports rep
                LEFT JOIN rewards w ON w."ReportId" = rep."Id"
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
                                       ('transfer', r.transfer), ('reward', r.reward)) x(dim, val)
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
    }
}

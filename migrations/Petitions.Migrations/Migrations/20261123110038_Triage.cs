using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Triage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DueState",
                table: "reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EscalatedAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PurgedAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "deadline_alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Deadline = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Due = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadline_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_deadline_alerts_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Threshold = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_notifications_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "priority_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Condition = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Parameter = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_priority_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_exclusions",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_exclusions", x => new { x.ReportId, x.UserId });
                    table.ForeignKey(
                        name: "FK_report_exclusions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_report_exclusions_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "report_links",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    RelatedReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_links_reports_RelatedReportId",
                        column: x => x.RelatedReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_report_links_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "report_priority_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    RuleId = table.Column<int>(type: "integer", nullable: false),
                    RuleName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_priority_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_priority_items_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "routing_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ScopeRegionCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: true),
                    KindCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Target = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TargetRegionCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: true),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_rules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_routing_rules_report_kinds_KindCode",
                        column: x => x.KindCode,
                        principalTable: "report_kinds",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "staff_jurisdictions",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_jurisdictions", x => new { x.UserId, x.RegionCode });
                    table.ForeignKey(
                        name: "FK_staff_jurisdictions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "triage_signal",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Pending = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triage_signal", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "triage_signal",
                columns: new[] { "Id", "Pending" },
                values: new object[] { 1, false });

            migrationBuilder.CreateIndex(
                name: "IX_reports_Description",
                table: "reports",
                column: "Description")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_RegionCode_SubmittedAt",
                table: "reports",
                columns: new[] { "RegionCode", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_SubmittedAt",
                table: "reports",
                column: "SubmittedAt");

            migrationBuilder.CreateIndex(
                name: "IX_report_people_Name",
                table: "report_people",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_report_people_Unit",
                table: "report_people",
                column: "Unit");

            migrationBuilder.CreateIndex(
                name: "IX_deadline_alerts_ReportId_Deadline_State_Due",
                table: "deadline_alerts",
                columns: new[] { "ReportId", "Deadline", "State", "Due" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_CreatedAt",
                table: "notifications",
                column: "CreatedAt",
                filter: "\"SentAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_ReportId_UserId_Kind_Threshold",
                table: "notifications",
                columns: new[] { "ReportId", "UserId", "Kind", "Threshold" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_UserId",
                table: "notifications",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_report_exclusions_UserId",
                table: "report_exclusions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_report_links_RelatedReportId",
                table: "report_links",
                column: "RelatedReportId");

            migrationBuilder.CreateIndex(
                name: "IX_report_links_ReportId_RelatedReportId_Reason",
                table: "report_links",
                columns: new[] { "ReportId", "RelatedReportId", "Reason" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_report_priority_items_ReportId_RuleId",
                table: "report_priority_items",
                columns: new[] { "ReportId", "RuleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_routing_rules_KindCode",
                table: "routing_rules",
                column: "KindCode");

            migrationBuilder.CreateIndex(
                name: "IX_staff_jurisdictions_RegionCode",
                table: "staff_jurisdictions",
                column: "RegionCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deadline_alerts");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "priority_rules");

            migrationBuilder.DropTable(
                name: "report_exclusions");

            migrationBuilder.DropTable(
                name: "report_links");

            migrationBuilder.DropTable(
                name: "report_priority_items");

            migrationBuilder.DropTable(
                name: "routing_rules");

            migrationBuilder.DropTable(
                name: "staff_jurisdictions");

            migrationBuilder.DropTable(
                name: "triage_signal");

            migrationBuilder.DropIndex(
                name: "IX_reports_Description",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_RegionCode_SubmittedAt",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_SubmittedAt",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_report_people_Name",
                table: "report_people");

            migrationBuilder.DropIndex(
                name: "IX_report_people_Unit",
                table: "report_people");

            migrationBuilder.DropColumn(
                name: "DueState",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "PurgedAt",
                table: "reports");
        }
    }
}

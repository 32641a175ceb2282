using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Campaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Finding",
                table: "report_events",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    LeadBody = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    RegionCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Kinds = table.Column<List<string>>(type: "text[]", nullable: false),
                    ReceivedFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ReceivedTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Outcomes = table.Column<int>(type: "integer", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LaunchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "campaign_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    OriginalStatus = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OriginalFinding = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    OriginalHandlerId = table.Column<Guid>(type: "uuid", nullable: true),
                    OriginalUnit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReviewerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Verdict = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    NewFinding = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Reasons = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    MoneyToStopYuan = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    MoneyToRecoverYuan = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    Responsible = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_campaign_items_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_campaign_items_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "campaign_reviewers",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_reviewers", x => new { x.CampaignId, x.UserId });
                    table.ForeignKey(
                        name: "FK_campaign_reviewers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_campaign_reviewers_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_campaign_items_CampaignId_RegionCode",
                table: "campaign_items",
                columns: new[] { "CampaignId", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_campaign_items_CampaignId_ReportId",
                table: "campaign_items",
                columns: new[] { "CampaignId", "ReportId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_campaign_items_ReportId",
                table: "campaign_items",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_campaign_items_ReviewerId_CampaignId",
                table: "campaign_items",
                columns: new[] { "ReviewerId", "CampaignId" });

            migrationBuilder.CreateIndex(
                name: "IX_campaign_reviewers_UserId",
                table: "campaign_reviewers",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_items");

            migrationBuilder.DropTable(
                name: "campaign_reviewers");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropColumn(
                name: "Finding",
                table: "report_events");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Rewards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reward_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    InForceFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Citation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    Bands = table.Column<string>(type: "jsonb", nullable: false),
                    Minimum = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    Maximum = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    NoLossMinimum = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: true),
                    NoLossMaximum = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: true),
                    NoticeWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    ClaimWorkingDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reward_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rewards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    RuleId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Eligible = table.Column<bool>(type: "boolean", nullable: false),
                    Refusal = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    FirstReport = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Loss = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    Party = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Share = table.Column<decimal>(type: "numeric", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    Basis = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Percent = table.Column<decimal>(type: "numeric(6,3)", precision: 6, scale: 3, nullable: false),
                    ProposedById = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NoticeDue = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    NoticeId = table.Column<Guid>(type: "uuid", nullable: true),
                    NotifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClaimBy = table.Column<DateOnly>(type: "date", nullable: true),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClaimProtected = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RevealRequestedById = table.Column<Guid>(type: "uuid", nullable: true),
                    RevealApprovedById = table.Column<Guid>(type: "uuid", nullable: true),
                    RevealApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PaidAmount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: true),
                    PaidById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rewards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rewards_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_rewards_reward_rules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "reward_rules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reward_rules_ProvinceCode_InForceFrom",
                table: "reward_rules",
                columns: new[] { "ProvinceCode", "InForceFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rewards_ReportId",
                table: "rewards",
                column: "ReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rewards_RuleId",
                table: "rewards",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_rewards_Status",
                table: "rewards",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rewards");

            migrationBuilder.DropTable(
                name: "reward_rules");
        }
    }
}

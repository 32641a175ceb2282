using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class MatchingRulesAndRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_match_hits_Rule_PersonNumber",
                table: "match_hits");

            migrationBuilder.AddColumn<DateOnly>(
                name: "EndDate",
                table: "register_entries",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "register_entries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "register_entries",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FactFrom",
                table: "match_hits",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FactTo",
                table: "match_hits",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Percent",
                table: "match_hits",
                type: "numeric(9,2)",
                precision: 9,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PreviousHitId",
                table: "match_hits",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Round",
                table: "match_hits",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "matching_rules",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Threshold = table.Column<int>(type: "integer", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_matching_rules", x => x.Code);
                });

            migrationBuilder.InsertData(
                table: "matching_rules",
                columns: new[] { "Code", "Enabled", "Threshold", "UpdatedAt", "UpdatedById" },
                values: new object[,]
                {
                    { "back-pay-after-death", true, 0, null, null },
                    { "paid-after-death", true, 1, null, null },
                    { "paid-early", true, 31, null, null },
                    { "paid-in-prison", true, 1, null, null },
                    { "raised-outside-adjustment", true, 10, null, null },
                    { "resumed-uncertified", true, 7, null, null },
                    { "shared-card", true, 2, null, null },
                    { "shared-phone", true, 5, null, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_match_hits_Rule_PersonNumber_Round",
                table: "match_hits",
                columns: new[] { "Rule", "PersonNumber", "Round" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "matching_rules");

            migrationBuilder.DropIndex(
                name: "IX_match_hits_Rule_PersonNumber_Round",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "EndDate",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "FactFrom",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "FactTo",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "Percent",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "PreviousHitId",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "Round",
                table: "match_hits");

            migrationBuilder.CreateIndex(
                name: "IX_match_hits_Rule_PersonNumber",
                table: "match_hits",
                columns: new[] { "Rule", "PersonNumber" },
                unique: true);
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class MatchHits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "match_hits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Rule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PersonNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IdHash = table.Column<byte[]>(type: "bytea", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Region = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: true),
                    DeathDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DeathSources = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Months = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    FirstPeriod = table.Column<DateOnly>(type: "date", nullable: true),
                    LastPeriod = table.Column<DateOnly>(type: "date", nullable: true),
                    BackPay = table.Column<bool>(type: "boolean", nullable: false),
                    FoundAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_match_hits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_match_hits_Region_Amount",
                table: "match_hits",
                columns: new[] { "Region", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_match_hits_Rule_PersonNumber",
                table: "match_hits",
                columns: new[] { "Rule", "PersonNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "match_hits");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SealedIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_ReporterId",
                table: "reports");

            migrationBuilder.AddColumn<string>(
                name: "IdentityProtected",
                table: "reports",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "ReporterKey",
                table: "reports",
                type: "bytea",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "identity_disclosures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_disclosures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identity_disclosures_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reports_ReporterId",
                table: "reports",
                column: "ReporterId",
                filter: "\"ReporterId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_reports_ReporterKey",
                table: "reports",
                column: "ReporterKey");

            migrationBuilder.CreateIndex(
                name: "IX_identity_disclosures_ReportId_State",
                table: "identity_disclosures",
                columns: new[] { "ReportId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_disclosures");

            migrationBuilder.DropIndex(
                name: "IX_reports_ReporterId",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_ReporterKey",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "IdentityProtected",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "ReporterKey",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "IX_reports_ReporterId",
                table: "reports",
                column: "ReporterId");
        }
    }
}

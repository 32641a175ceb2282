using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CurrentDeadline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_AcceptanceDueAt_Id",
                table: "reports");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            // The deadline that runs now, as Report.CurrentDeadline says at the time of this migration.
            migrationBuilder.Sql(Backfill);

            migrationBuilder.CreateIndex(
                name: "IX_reports_DueAt_Id",
                table: "reports",
                columns: new[] { "DueAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_DueAt_Id",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "IX_reports_AcceptanceDueAt_Id",
                table: "reports",
                columns: new[] { "AcceptanceDueAt", "Id" });
        }

        private const string Backfill = """
            UPDATE reports SET "DueAt" = CASE
                WHEN "Status" = 'Submitted' THEN "AcceptanceDueAt"
                WHEN "Status" IN ('Accepted', 'Assigned', 'UnderVerification', 'ReviewRequested') THEN "ConclusionDueAt"
                END;
            """;
    }
}

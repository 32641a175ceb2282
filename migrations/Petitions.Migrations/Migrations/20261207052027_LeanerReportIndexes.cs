using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <summary>
    /// Every index on reports is written when a report is filed and again when triage updates it (the update changes
    /// indexed columns, so it is never a heap-only update). Among ten million reports each of those writes lands on a
    /// page that is rarely cached. The index on the submission time alone repeated the first column of the index on
    /// (submission time, id), which serves every query it served; the reporter-key and assignee indexes held every
    /// anonymous or unassigned report (nearly all) under one null key that no query looks up, and now hold only the
    /// reports that have a value.
    /// </summary>
    public partial class LeanerReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_AssigneeId",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_ReporterKey",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_SubmittedAt",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "IX_reports_AssigneeId",
                table: "reports",
                column: "AssigneeId",
                filter: "\"AssigneeId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_reports_ReporterKey",
                table: "reports",
                column: "ReporterKey",
                filter: "\"ReporterKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_AssigneeId",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_ReporterKey",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "IX_reports_AssigneeId",
                table: "reports",
                column: "AssigneeId");

            migrationBuilder.CreateIndex(
                name: "IX_reports_ReporterKey",
                table: "reports",
                column: "ReporterKey");

            migrationBuilder.CreateIndex(
                name: "IX_reports_SubmittedAt",
                table: "reports",
                column: "SubmittedAt");
        }
    }
}

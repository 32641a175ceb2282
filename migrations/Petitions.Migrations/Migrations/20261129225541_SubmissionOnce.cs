using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SubmissionOnce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SubmissionId",
                table: "report_events",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_report_events_ReportId_SubmissionId",
                table: "report_events",
                columns: new[] { "ReportId", "SubmissionId" },
                unique: true,
                filter: "\"SubmissionId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_report_events_ReportId_SubmissionId",
                table: "report_events");

            migrationBuilder.DropColumn(
                name: "SubmissionId",
                table: "report_events");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_reports_AcceptanceDueAt_Id",
                table: "reports",
                columns: new[] { "AcceptanceDueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_AssigneeId",
                table: "reports",
                column: "AssigneeId");

            migrationBuilder.CreateIndex(
                name: "IX_reports_Priority_Id",
                table: "reports",
                columns: new[] { "Priority", "Id" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_reports_QueueRegionCode_Priority_Id",
                table: "reports",
                columns: new[] { "QueueRegionCode", "Priority", "Id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_reports_SubmittedAt_Id",
                table: "reports",
                columns: new[] { "SubmittedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_AcceptanceDueAt_Id",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_AssigneeId",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_Priority_Id",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_QueueRegionCode_Priority_Id",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_SubmittedAt_Id",
                table: "reports");
        }
    }
}

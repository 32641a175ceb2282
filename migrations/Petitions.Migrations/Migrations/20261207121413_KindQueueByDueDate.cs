using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class KindQueueByDueDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_KindCode",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "IX_reports_KindCode_DueAt_Id",
                table: "reports",
                columns: new[] { "KindCode", "DueAt", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "QueueRegionCode", "Status", "AssigneeId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_KindCode_DueAt_Id",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "IX_reports_KindCode",
                table: "reports",
                column: "KindCode");
        }
    }
}

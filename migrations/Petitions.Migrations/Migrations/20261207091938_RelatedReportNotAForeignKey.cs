using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <summary>
    /// A link's earlier report is no longer checked as a foreign key: each check locked the earlier report's row and
    /// wrote to its page (docs/triage.md). The index on it stays, for the report page's list of links.
    /// </summary>
    public partial class RelatedReportNotAForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_report_links_reports_RelatedReportId",
                table: "report_links");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_report_links_reports_RelatedReportId",
                table: "report_links",
                column: "RelatedReportId",
                principalTable: "reports",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}

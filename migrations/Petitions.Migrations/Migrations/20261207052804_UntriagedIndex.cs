using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <summary>
    /// Triage finds waiting reports through a partial index. Its old key (the triage time, null for all of them) made
    /// every entry one deduplicated posting list, whose entries a scan cannot mark dead one by one: entries of reports
    /// triaged long ago were visited in the table on every look for work until a vacuum, which at ten million reports
    /// comes rarely. Keyed on the submission time, deduplication off, it also gives the oldest first without a sort.
    /// </summary>
    public partial class UntriagedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_TriagedAt",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "IX_reports_Untriaged",
                table: "reports",
                column: "SubmittedAt",
                filter: "\"TriagedAt\" IS NULL")
                .Annotation("Npgsql:StorageParameter:deduplicate_items", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_Untriaged",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "IX_reports_TriagedAt",
                table: "reports",
                column: "TriagedAt",
                filter: "\"TriagedAt\" IS NULL");
        }
    }
}

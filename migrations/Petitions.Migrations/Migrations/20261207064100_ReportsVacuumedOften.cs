using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <summary>
    /// Autovacuum's default waits until a fifth of a table has changed: two million reports at ten million, so in
    /// practice never. Triage locks a report while related reports' links lock it too; the old row version then carries
    /// a multixact, which an index scan cannot judge dead on its own, so triaged reports stayed in the waiting-for-triage
    /// index (2,000 table pages read per look for work, measured) until a vacuum. Now the table is vacuumed after 2,000
    /// changed rows or 20,000 new ones; at ten million that took 1.5 s (only the pages changed since are read, and the
    /// indexes are left alone when few rows died).
    /// </summary>
    public partial class ReportsVacuumedOften : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "reports")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_threshold", 20000)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_threshold", 2000);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "reports")
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_threshold", 20000)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_threshold", 2000);
        }
    }
}

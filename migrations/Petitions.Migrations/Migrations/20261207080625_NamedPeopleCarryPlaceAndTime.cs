using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <summary>
    /// Each named person carries its report's region and submission time, copied at filing (neither changes afterwards).
    /// Triage's search for earlier reports naming the same person used to take every row with that name in the province
    /// and look each one up among the reports for its county and date: at ten million reports, hundreds of rows and a
    /// thousand pages a report for a common name. Now each question (the name in the county, the name with the unit,
    /// the unit) reads one covering index backwards from the report's time and stops after a few dozen entries.
    /// </summary>
    public partial class NamedPeopleCarryPlaceAndTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_report_people_Name",
                table: "report_people");

            migrationBuilder.DropIndex(
                name: "IX_report_people_Unit",
                table: "report_people");

            migrationBuilder.AlterTable(
                name: "report_people")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_threshold", 20000);

            migrationBuilder.AddColumn<string>(
                name: "RegionCode",
                table: "report_people",
                type: "character(6)",
                fixedLength: true,
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SubmittedAt",
                table: "report_people",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.Sql("""
                UPDATE report_people p SET "RegionCode" = r."RegionCode", "SubmittedAt" = r."SubmittedAt"
                FROM reports r WHERE r."Id" = p."ReportId";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_report_people_Name_RegionCode_SubmittedAt",
                table: "report_people",
                columns: new[] { "Name", "RegionCode", "SubmittedAt" },
                filter: "\"Name\" IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "ReportId", "Unit" });

            migrationBuilder.CreateIndex(
                name: "IX_report_people_Name_Unit_SubmittedAt",
                table: "report_people",
                columns: new[] { "Name", "Unit", "SubmittedAt" },
                filter: "\"Name\" IS NOT NULL AND \"Unit\" IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "ReportId", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_report_people_Unit_SubmittedAt",
                table: "report_people",
                columns: new[] { "Unit", "SubmittedAt" },
                filter: "\"Unit\" IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "ReportId", "Name", "RegionCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_report_people_Name_RegionCode_SubmittedAt",
                table: "report_people");

            migrationBuilder.DropIndex(
                name: "IX_report_people_Name_Unit_SubmittedAt",
                table: "report_people");

            migrationBuilder.DropIndex(
                name: "IX_report_people_Unit_SubmittedAt",
                table: "report_people");

            migrationBuilder.DropColumn(
                name: "RegionCode",
                table: "report_people");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "report_people");

            migrationBuilder.AlterTable(
                name: "report_people")
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_threshold", 20000);

            migrationBuilder.CreateIndex(
                name: "IX_report_people_Name",
                table: "report_people",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_report_people_Unit",
                table: "report_people",
                column: "Unit");
        }
    }
}

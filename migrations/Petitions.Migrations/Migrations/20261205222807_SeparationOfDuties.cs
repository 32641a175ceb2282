using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SeparationOfDuties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ExtensionRequestedBy",
                table: "reports",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AwaitingConfirmationSince",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ConfirmedById",
                table: "AspNetUsers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CreatedById",
                table: "AspNetUsers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LastChangedById",
                table: "AspNetUsers",
                type: "uuid",
                nullable: true);

            // An extension pending at upgrade: its requester comes from the timeline, so the two-person rule can hold.
            migrationBuilder.Sql(BackfillRequesters);
        }

        private const string BackfillRequesters = """
            UPDATE reports r SET "ExtensionRequestedBy" = (
                SELECT e."ActorId" FROM report_events e
                WHERE e."ReportId" = r."Id" AND e."Action" = 'RequestExtension'
                ORDER BY e."At" DESC, e."Id" DESC LIMIT 1)
            WHERE r."RequestedExtensionDays" IS NOT NULL;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExtensionRequestedBy",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "AwaitingConfirmationSince",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ConfirmedById",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "CreatedById",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LastChangedById",
                table: "AspNetUsers");
        }
    }
}

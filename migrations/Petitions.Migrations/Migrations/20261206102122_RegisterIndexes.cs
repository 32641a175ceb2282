using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RegisterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_register_entries_Source_IdHash",
                table: "register_entries");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_Source_Id",
                table: "register_entries",
                columns: new[] { "Source", "Id" },
                filter: "\"IdHash\" IS NULL AND \"Source\" IN ('Cremation', 'HouseholdDeregistration', 'DeathCertificate')");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_Source_IdHash",
                table: "register_entries",
                columns: new[] { "Source", "IdHash" },
                filter: "\"IdHash\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_register_entries_Source_Id",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_Source_IdHash",
                table: "register_entries");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_Source_IdHash",
                table: "register_entries",
                columns: new[] { "Source", "IdHash" });
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class BulkRegistersWithoutIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_register_entries_ImportId",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_Source_PersonNumber",
                table: "register_entries");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_ImportId",
                table: "register_entries",
                column: "ImportId",
                filter: "\"Source\" NOT IN ('PaymentLedger', 'BankWithdrawal')");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_Source_PersonNumber",
                table: "register_entries",
                columns: new[] { "Source", "PersonNumber" },
                filter: "\"Source\" IN ('PensionRoll', 'StatusChange')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_register_entries_ImportId",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_Source_PersonNumber",
                table: "register_entries");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_ImportId",
                table: "register_entries",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_Source_PersonNumber",
                table: "register_entries",
                columns: new[] { "Source", "PersonNumber" });
        }
    }
}

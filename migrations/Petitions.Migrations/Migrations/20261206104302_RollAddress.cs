using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RollAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "AddressHash",
                table: "register_entries",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AddressSealed",
                table: "register_entries",
                type: "text",
                nullable: true);

            migrationBuilder.InsertData(
                table: "matching_rules",
                columns: new[] { "Code", "Enabled", "Threshold", "UpdatedAt", "UpdatedById" },
                values: new object[] { "shared-address", true, 8, null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "matching_rules",
                keyColumn: "Code",
                keyValue: "shared-address");

            migrationBuilder.DropColumn(
                name: "AddressHash",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "AddressSealed",
                table: "register_entries");
        }
    }
}

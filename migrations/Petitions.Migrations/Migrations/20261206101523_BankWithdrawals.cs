using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class BankWithdrawals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Terminal",
                table: "register_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "register_entries",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.InsertData(
                table: "matching_rules",
                columns: new[] { "Code", "Enabled", "Threshold", "UpdatedAt", "UpdatedById" },
                values: new object[] { "night-withdrawals", true, 10, null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "matching_rules",
                keyColumn: "Code",
                keyValue: "night-withdrawals");

            migrationBuilder.DropColumn(
                name: "Terminal",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "register_entries");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RegisterRowsWithoutForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_register_entries_register_imports_ImportId",
                table: "register_entries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_register_entries_register_imports_ImportId",
                table: "register_entries",
                column: "ImportId",
                principalTable: "register_imports",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}

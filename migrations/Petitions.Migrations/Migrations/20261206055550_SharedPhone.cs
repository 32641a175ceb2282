using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SharedPhone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SharedWith",
                table: "match_hits",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SharedWithDead",
                table: "match_hits",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SharedWith",
                table: "match_hits");

            migrationBuilder.DropColumn(
                name: "SharedWithDead",
                table: "match_hits");
        }
    }
}

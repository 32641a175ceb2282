using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CampaignSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "Sources",
                table: "campaigns",
                type: "text[]",
                nullable: false,
                // Campaigns before this one took every source.
                defaultValueSql: "'{}'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Sources",
                table: "campaigns");
        }
    }
}

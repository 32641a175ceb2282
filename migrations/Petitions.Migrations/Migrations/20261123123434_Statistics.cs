using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stats_snapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AsOf = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublicJson = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stats_snapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_stats_snapshots_AsOf",
                table: "stats_snapshots",
                column: "AsOf");

            // Statistics are read from two materialized views, refreshed by the stats job (never more than
            // 15 minutes old). Each report counts once at each level of its region: province, city, county
            // (the same prefix rule as staff jurisdictions), so a dashboard request reads one region's rows.
            migrationBuilder.Sql(StatsSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(StatsSql.Drop);

            migrationBuilder.DropTable(
                name: "stats_snapshots");
        }
    }
}

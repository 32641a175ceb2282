using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CampaignLessons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RoutedByCampaignId",
                table: "reports",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RoutedOverturnRate",
                table: "reports",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LessonMinimumReviewed",
                table: "campaigns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LessonThresholdPercent",
                table: "campaigns",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RoutedByCampaignId",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "RoutedOverturnRate",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "LessonMinimumReviewed",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "LessonThresholdPercent",
                table: "campaigns");
        }
    }
}

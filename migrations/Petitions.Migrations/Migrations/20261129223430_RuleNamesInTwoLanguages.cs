using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RuleNamesInTwoLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "routing_rules",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RuleNameEn",
                table: "report_priority_items",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "priority_rules",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            // Names written "中文 / English" in one field become two fields; reasons become language-neutral.
            foreach (var (table, zh, en) in new[] { ("routing_rules", "Name", "NameEn"), ("priority_rules", "Name", "NameEn"), ("report_priority_items", "RuleName", "RuleNameEn") })
            {
                migrationBuilder.Sql($"""
                    UPDATE {table} SET "{en}" = btrim(split_part("{zh}", ' / ', 2)), "{zh}" = btrim(split_part("{zh}", ' / ', 1))
                    WHERE "{zh}" LIKE '% / %' AND "{en}" IS NULL;
                    """);
            }
            migrationBuilder.Sql("""UPDATE report_priority_items SET "Reason" = '' WHERE "Reason" = 'real-name';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "routing_rules");

            migrationBuilder.DropColumn(
                name: "RuleNameEn",
                table: "report_priority_items");

            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "priority_rules");
        }
    }
}

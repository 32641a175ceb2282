using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class TemplateWording : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // {deadline} already ends in "（含当日）前"; a Chinese template that adds its own 前 read "前前".
            migrationBuilder.Sql(DropDoubledQian);
        }

        private const string DropDoubledQian = """
            UPDATE message_templates SET "Body" = replace("Body", '{deadline}前', '{deadline}')
            WHERE "Culture" = 'zh-CN' AND "Body" LIKE '%{deadline}前%';
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}

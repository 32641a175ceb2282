using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <summary>
    /// Triage compares a new report's text with its region's latest reports. <c>similarity()</c> cuts both texts into
    /// trigrams on every call, so 2,000 comparisons cost about 30 ms. Each report now keeps its text's trigrams (the
    /// same ones <c>show_trgm</c> gives, as sorted 32-bit hashes) in a generated column, and triage computes the same
    /// measure (shared trigrams over all trigrams of the two) from the stored arrays with <c>intarray</c>'s
    /// intersection: about a tenth of the time. Adding the column rewrites the table once.
    /// </summary>
    public partial class DescriptionTrigrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS intarray;
                CREATE FUNCTION text_trigrams(t text) RETURNS integer[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN (SELECT coalesce(array_agg(DISTINCT hashtext(g) ORDER BY hashtext(g)), '{}') FROM unnest(show_trgm(t)) g);
                ALTER TABLE reports ADD COLUMN "DescriptionTrigrams" integer[] GENERATED ALWAYS AS (text_trigrams("Description")) STORED;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE reports DROP COLUMN IF EXISTS "DescriptionTrigrams";
                DROP FUNCTION IF EXISTS text_trigrams(text);
                """);
        }
    }
}

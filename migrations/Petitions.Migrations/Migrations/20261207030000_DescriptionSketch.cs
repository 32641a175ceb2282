using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <summary>
    /// Triage compares a new report with its region's latest 2,000. Reading each one's stored trigrams meant visiting
    /// 2,000 scattered table pages per report: at ten million reports, most of triage's time. Each report now also keeps a
    /// sketch of its trigrams (32 bins of their hashes, the smallest of each bin: a one-permutation MinHash, 128 bytes),
    /// and the region-and-time index carries the id and the sketch, so the 2,000 are compared from the index alone.
    /// Only the closest by sketch (at most 100) are then compared exactly from their trigrams. Adding the column
    /// rewrites the table once; the index is built again.
    /// </summary>
    public partial class DescriptionSketch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION trigram_sketch(t integer[]) RETURNS integer[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN (SELECT coalesce(array_agg((b << 24) | m ORDER BY b), '{}')
                            FROM (SELECT x & 31 AS b, min((x >> 5) & 16777215) AS m FROM unnest(t) x GROUP BY 1) bins);
                ALTER TABLE reports ADD COLUMN "DescriptionSketch" integer[] GENERATED ALWAYS AS (trigram_sketch(text_trigrams("Description"))) STORED;
                DROP INDEX "IX_reports_RegionCode_SubmittedAt";
                CREATE INDEX "IX_reports_RegionCode_SubmittedAt" ON reports ("RegionCode", "SubmittedAt") INCLUDE ("Id", "DescriptionSketch");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_reports_RegionCode_SubmittedAt";
                CREATE INDEX "IX_reports_RegionCode_SubmittedAt" ON reports ("RegionCode", "SubmittedAt");
                ALTER TABLE reports DROP COLUMN IF EXISTS "DescriptionSketch";
                DROP FUNCTION IF EXISTS trigram_sketch(integer[]);
                """);
        }
    }
}

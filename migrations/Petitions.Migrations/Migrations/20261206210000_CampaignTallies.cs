using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <summary>
    /// A campaign's dashboard stops counting every item on every view. <c>campaign_tallies</c> holds, per campaign,
    /// county and dimension (all items, concluding unit, reviewer, original handler, new finding), the items, reviewed,
    /// overturned and unassigned counts and the money; statement triggers on <c>campaign_items</c> subtract each
    /// changed row's old values and add its new ones in the changing transaction, so the tallies are never behind.
    /// </summary>
    public partial class CampaignTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE campaign_tallies (
                    campaign_id uuid NOT NULL,
                    dim text NOT NULL,
                    region_code character(6) NOT NULL,
                    key text NOT NULL,
                    items integer NOT NULL,
                    reviewed integer NOT NULL,
                    overturned integer NOT NULL,
                    unassigned integer NOT NULL,
                    money_to_stop numeric(18,2) NOT NULL,
                    money_to_recover numeric(18,2) NOT NULL,
                    PRIMARY KEY (campaign_id, dim, region_code, key));

                -- The changed rows of one statement, each once with +1 (new values) and -1 (old values), counted under
                -- every dimension and added to the tallies in one ordered upsert (the same lock order in every transaction).
                CREATE FUNCTION campaign_tally() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
                DECLARE
                    changed text := CASE TG_OP
                        WHEN 'INSERT' THEN 'SELECT 1 AS s, * FROM new_rows'
                        WHEN 'DELETE' THEN 'SELECT -1 AS s, * FROM old_rows'
                        ELSE 'SELECT 1 AS s, * FROM new_rows UNION ALL SELECT -1 AS s, * FROM old_rows' END;
                BEGIN
                    EXECUTE format($q$
                        INSERT INTO campaign_tallies AS t (campaign_id, dim, region_code, key, items, reviewed, overturned, unassigned, money_to_stop, money_to_recover)
                        SELECT c."CampaignId", d.dim, c."RegionCode", d.key, sum(c.s), sum(c.s * (c."Verdict" IS NOT NULL)::int),
                               sum(c.s * (c."Verdict" IS NOT DISTINCT FROM 'Overturned')::int), sum(c.s * (c."ReviewerId" IS NULL)::int),
                               sum(c.s * c."MoneyToStopYuan"), sum(c.s * c."MoneyToRecoverYuan")
                        FROM (%s) c
                        CROSS JOIN LATERAL (VALUES ('all', ''), ('unit', coalesce(c."OriginalUnit", '')), ('reviewer', coalesce(c."ReviewerId"::text, '')),
                            ('handler', coalesce(c."OriginalHandlerId"::text, '')), ('finding', coalesce(c."NewFinding", ''))) d (dim, key)
                        WHERE EXISTS (SELECT 1 FROM campaigns k WHERE k."Id" = c."CampaignId")
                        GROUP BY 1, 2, 3, 4
                        ORDER BY 1, 2, 3, 4
                        ON CONFLICT (campaign_id, dim, region_code, key) DO UPDATE SET
                            items = t.items + excluded.items, reviewed = t.reviewed + excluded.reviewed,
                            overturned = t.overturned + excluded.overturned, unassigned = t.unassigned + excluded.unassigned,
                            money_to_stop = t.money_to_stop + excluded.money_to_stop, money_to_recover = t.money_to_recover + excluded.money_to_recover
                        $q$, changed);
                    IF TG_OP = 'DELETE' THEN
                        -- A deleted campaign's items go with it (cascade): so do its tallies.
                        DELETE FROM campaign_tallies WHERE campaign_id IN (SELECT "CampaignId" FROM old_rows)
                            AND NOT EXISTS (SELECT 1 FROM campaigns k WHERE k."Id" = campaign_id);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER campaign_tally_insert AFTER INSERT ON campaign_items REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION campaign_tally();
                CREATE TRIGGER campaign_tally_update AFTER UPDATE ON campaign_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION campaign_tally();
                CREATE TRIGGER campaign_tally_delete AFTER DELETE ON campaign_items REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION campaign_tally();

                -- The campaigns already running: counted once.
                INSERT INTO campaign_tallies (campaign_id, dim, region_code, key, items, reviewed, overturned, unassigned, money_to_stop, money_to_recover)
                SELECT c."CampaignId", d.dim, c."RegionCode", d.key, count(*), count(c."Verdict"), count(*) FILTER (WHERE c."Verdict" = 'Overturned'),
                       count(*) FILTER (WHERE c."ReviewerId" IS NULL), sum(c."MoneyToStopYuan"), sum(c."MoneyToRecoverYuan")
                FROM campaign_items c
                CROSS JOIN LATERAL (VALUES ('all', ''), ('unit', coalesce(c."OriginalUnit", '')), ('reviewer', coalesce(c."ReviewerId"::text, '')),
                    ('handler', coalesce(c."OriginalHandlerId"::text, '')), ('finding', coalesce(c."NewFinding", ''))) d (dim, key)
                GROUP BY 1, 2, 3, 4;

                -- The dashboard's count of overturned items later referred starts from the referred reports, which are few.
                CREATE INDEX ix_reports_referred ON reports ("Id") WHERE "Referral" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS campaign_tally_insert ON campaign_items;
                DROP TRIGGER IF EXISTS campaign_tally_update ON campaign_items;
                DROP TRIGGER IF EXISTS campaign_tally_delete ON campaign_items;
                DROP FUNCTION IF EXISTS campaign_tally();
                DROP TABLE IF EXISTS campaign_tallies;
                DROP INDEX IF EXISTS ix_reports_referred;
                """);
        }
    }
}

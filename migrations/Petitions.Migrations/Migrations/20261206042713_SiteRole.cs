using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SiteRole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The site runs as a member of petitions_site, which owns nothing: it reads and writes rows, appends to the
            // audit log (no UPDATE, DELETE or TRUNCATE there), and refreshes the statistics through a function owned
            // by the migrating role. Only the owner can disable the audit log's trigger or change a table.
            migrationBuilder.Sql("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'petitions_site') THEN CREATE ROLE petitions_site NOLOGIN; END IF;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$;
                GRANT USAGE ON SCHEMA public TO petitions_site;
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO petitions_site;
                REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM petitions_site;
                REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM petitions_site;
                GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO petitions_site;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO petitions_site;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO petitions_site;
                DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO petitions_site', current_database()); END $$;
                CREATE OR REPLACE FUNCTION refresh_statistics() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
                    SET search_path = public, pg_temp AS $$
                BEGIN
                    REFRESH MATERIALIZED VIEW CONCURRENTLY stats_cube;
                    REFRESH MATERIALIZED VIEW CONCURRENTLY stats_days;
                END $$;
                REVOKE ALL ON FUNCTION refresh_statistics() FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION refresh_statistics() TO petitions_site;
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS refresh_statistics();
                ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM petitions_site;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT, UPDATE ON SEQUENCES FROM petitions_site;
                REVOKE ALL ON ALL TABLES IN SCHEMA public FROM petitions_site;
                REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM petitions_site;
                """);

        }
    }
}

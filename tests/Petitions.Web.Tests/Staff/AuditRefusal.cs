using Microsoft.EntityFrameworkCore;
using Petitions.Testing;

namespace Petitions.Web.Tests.Staff;

/// <summary>Makes the audit table refuse entries of one action (a trigger), as a full disk or a broken chain would.</summary>
internal static class AuditRefusal
{
    public static async Task RefuseAsync(PetitionsFactory factory, string action)
    {
        await factory.AsOwnerAsync("""
            CREATE TABLE refused_audit (action text);
            CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN IF EXISTS (SELECT 1 FROM refused_audit WHERE action = NEW."Action") THEN RAISE EXCEPTION 'audit refused by the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """);
        await factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO refused_audit VALUES ({action})"));
    }

    public static Task RestoreAsync(PetitionsFactory factory) =>
        factory.AsOwnerAsync("DROP TRIGGER IF EXISTS refuse_audit ON audit_entries; DROP TABLE IF EXISTS refused_audit");
}

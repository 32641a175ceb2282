using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Petitions.Core.Audit;
using Petitions.Testing;
using Petitions.Web.Services;

namespace Petitions.Web.Tests.Foundation;

/// <summary>
/// The site runs as a role that owns nothing: whoever holds its connection string can append to the audit log but
/// cannot change it, switch off its trigger or alter a table. The migrations run as the owner.
/// </summary>
public sealed class SiteRoleTests(PetitionsFactory factory) : WebTest(factory)
{
    [Theory]
    [InlineData("UPDATE audit_entries SET \"Detail\" = 'nothing to see'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("TRUNCATE audit_entries")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change")]
    [InlineData("DROP TRIGGER audit_entries_no_change ON audit_entries")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("ALTER TABLE reports ADD COLUMN backdoor text")]
    [InlineData("UPDATE \"__EFMigrationsHistory\" SET \"ProductVersion\" = 'x'")]
    public async Task TheSitesConnection_CannotChangeTheAuditLog_NorTheSchema(string sql)
    {
        using (var scope = Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, AuditAction.Export, null, "export");
        }
        var site = Factory.Service<IConfiguration>().GetConnectionString("Petitions")!;
        Assert.Equal(TestDatabase.SiteLogin, new NpgsqlConnectionStringBuilder(site).Username);

        await using var connection = new NpgsqlConnection(site);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        var (count, broken) = await Factory.QueryAsync(async db => await new AuditLog(db, TimeProvider.System).VerifyAsync());
        Assert.Equal((1L, (long?)null), (count, broken));
    }
}

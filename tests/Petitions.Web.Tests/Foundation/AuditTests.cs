using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Core.Audit;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Web.Tests.Foundation;

public sealed class AuditTests(PetitionsFactory factory) : WebTest(factory)
{
    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task StaffSignIns_AreChained_AndTheAdminPageVerifiesTheChain()
    {
        await Factory.CreateUserAsync("officer@example.org", "Officer-Pass-1", Roles.Officer);
        await NewClient().SignInAsync("officer@example.org", "wrong-password-1");
        await Factory.SignInStaffAsync(NewClient(), "officer@example.org", "Officer-Pass-1");
        var admin = await AdminAsync();

        var entries = await Factory.QueryAsync(db => db.AuditEntries.OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditAction.SignInFailed, AuditAction.SignIn, AuditAction.SignIn], entries.Select(e => e.Action));
        Assert.Equal(AuditChain.Genesis, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);

        var page = await admin.GetPageAsync("/Admin/Audit", "en");
        Assert.Equal(3, page.QuerySelectorAll("#audit tbody tr").Length);
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var filtered = await admin.GetPageAsync($"/Admin/Audit?Action=SignInFailed&From={today}&To={today}&Actor=officer@example.org", "en");
        Assert.Single(filtered.QuerySelectorAll("#audit tbody tr"));
        Assert.Empty((await admin.GetPageAsync("/Admin/Audit?To=2020-01-01", "en")).QuerySelectorAll("#audit tbody tr"));
        var verified = await FormClient.ParseAsync(await admin.SubmitAsync(page, new Dictionary<string, string?>(), formAction: "/Admin/Audit?handler=Verify"));
        Assert.Equal("The chain is intact: 3 entries verified.", verified.QuerySelector("#verification")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheLogRefusesUpdates_AndATamperedRow_IsNamedByThePageAndTheCommand()
    {
        for (var i = 0; i < 5; i++)
        {
            using var scope = Factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(Guid.NewGuid(), AuditAction.ViewReport, Guid.NewGuid(), $"view {i}");
        }
        // The normal path cannot change it.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("UPDATE audit_entries SET \"Detail\" = 'nothing to see' WHERE \"Id\" = 3"));
        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("DELETE FROM audit_entries WHERE \"Id\" = 3"));

        // Someone who gets around the trigger (a superuser) changes entry 3.
        await ExecuteAsync("SET session_replication_role = replica; UPDATE audit_entries SET \"Detail\" = 'nothing to see' WHERE \"Id\" = 3");

        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Audit", "zh-CN");
        var verified = await FormClient.ParseAsync(await admin.SubmitAsync(page, new Dictionary<string, string?>(), formAction: "/Admin/Audit?handler=Verify"));
        Assert.StartsWith("审计链在第 3 条处断裂", verified.QuerySelector("#verification")!.TextContent.Trim(), StringComparison.Ordinal);

        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = await AuditCommand.RunAsync(Factory.Services);
        }
        finally
        {
            Console.SetOut(previous);
        }
        Assert.Equal(3, code);
        Assert.Contains("BROKEN at entry 3", output.ToString(), StringComparison.Ordinal);
        // Entries 1 and 2 came before it and were verified.
        Assert.Contains("entries before it verified: 2", output.ToString(), StringComparison.Ordinal);
    }
}

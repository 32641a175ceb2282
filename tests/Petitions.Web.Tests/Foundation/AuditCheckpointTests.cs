using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Petitions.Core.Audit;
using Petitions.Testing;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Tests.Foundation;

/// <summary>
/// Whoever holds the database can rewrite the audit chain consistently (change an entry, recompute every hash after
/// it): the chain then verifies. The checkpoints the site wrote outside the database, with a key the database never
/// saw, still name the old hash: the page and the command say the log was rewritten.
/// </summary>
public sealed class AuditCheckpointTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task AConsistentRewriteOfTheChain_IsCaughtByTheCheckpointsOutsideTheDatabase()
    {
        for (var i = 0; i < 5; i++)
        {
            using var scope = Factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(Guid.NewGuid(), AuditAction.ViewReport, Guid.NewGuid(), $"view {i}");
        }
        // The recurring job, run now through Hangfire, anchors entry 5 in the file (and the log).
        await Factory.RunRecurringAsync(Jobs.AuditCheckpointJob.Id);
        var anchored = await File.ReadAllLinesAsync(Factory.CheckpointFile);
        Assert.Single(anchored);
        Assert.Contains("petitions-audit-checkpoint v1 ", anchored[0], StringComparison.Ordinal);
        Assert.Contains(" 5 ", anchored[0], StringComparison.Ordinal);
        Assert.Equal((0, "checkpoints outside the database: 1 agree"), await CommandAsync());

        // A superuser changes entry 3 and recomputes the hashes of 3, 4 and 5: the chain itself verifies again.
        await RewriteConsistentlyAsync(3, "nothing to see");
        var (_, broken) = await Factory.QueryAsync(async db => await new AuditLog(db, TimeProvider.System).VerifyAsync());
        Assert.Null(broken);

        var (code, last) = await CommandAsync();
        Assert.Equal(4, code);
        Assert.StartsWith("audit log REWRITTEN: entry 5 no longer matches the checkpoint of", last, StringComparison.Ordinal);
        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Audit", "en");
        var verified = await FormClient.ParseAsync(await admin.SubmitAsync(page, new Dictionary<string, string?>(), formAction: "/Admin/Audit?handler=Verify"));
        Assert.StartsWith("Entry 5 no longer matches the checkpoint written at", verified.QuerySelector("#checkpoints")!.TextContent.Trim(), StringComparison.Ordinal);

        // A checkpoint line made up without the site's key (to cover the rewrite) is named as forged.
        var hash = Convert.ToHexStringLower(await Factory.QueryAsync(db => db.AuditEntries.Where(a => a.Id == 5).Select(a => a.Hash).SingleAsync()));
        await File.WriteAllTextAsync(Factory.CheckpointFile, $"petitions-audit-checkpoint v1 2026-12-06T05:00:00.000Z 5 {hash} {new string('0', 64)}\n");
        Assert.Equal((4, "checkpoint line 1 is FORGED (not this site's key) / 检查点第 1 行是伪造的（非本站密钥）"), await CommandAsync());
    }

    [Fact]
    public async Task ACutBackChain_IsCaughtToo_AndALogExportServesAsTheCheckpoints()
    {
        for (var i = 0; i < 3; i++)
        {
            using var scope = Factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, AuditAction.Export, null, $"export {i}");
        }
        await Factory.RunRecurringAsync(Jobs.AuditCheckpointJob.Id);
        // The journal's copy: the checkpoint line inside a log line, with its own prefix.
        var export = Path.Combine(Path.GetDirectoryName(Factory.CheckpointFile)!, "journal.txt");
        await File.WriteAllTextAsync(export, "Dec 06 05:10:00 host petitions[812]: info: Petitions.Web.Services.AuditCheckpoints[0] "
            + (await File.ReadAllLinesAsync(Factory.CheckpointFile))[0] + "\n");
        File.Delete(Factory.CheckpointFile);
        await Factory.AsOwnerAsync("SET session_replication_role = replica; DELETE FROM audit_entries WHERE \"Id\" = 3");

        var (code, last) = await CommandAsync(export);
        Assert.Equal(4, code);
        Assert.StartsWith("audit log CUT BACK: entry 3 of the checkpoint of", last, StringComparison.Ordinal);
    }

    private async Task RewriteConsistentlyAsync(long from, string detail)
    {
        var entries = await Factory.QueryAsync(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        var previous = entries.Single(e => e.Id == from - 1).Hash;
        await using var connection = new NpgsqlConnection(Factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var replica = new NpgsqlCommand("SET session_replication_role = replica", connection))
        {
            await replica.ExecuteNonQueryAsync();
        }
        foreach (var entry in entries.Where(e => e.Id >= from))
        {
            entry.Detail = entry.Id == from ? detail : entry.Detail;
            entry.PreviousHash = previous;
            entry.Hash = AuditChain.Compute(entry);
            previous = entry.Hash;
            await using var update = new NpgsqlCommand("UPDATE audit_entries SET \"Detail\" = $1, \"PreviousHash\" = $2, \"Hash\" = $3 WHERE \"Id\" = $4", connection)
            {
                Parameters = { new() { Value = entry.Detail }, new() { Value = entry.PreviousHash }, new() { Value = entry.Hash }, new() { Value = entry.Id } },
            };
            await update.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Runs <c>audit-verify</c> as the command line does; its exit code and the last line it printed.</summary>
    private async Task<(int Code, string Last)> CommandAsync(string? checkpoints = null)
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = await AuditCommand.RunAsync(Factory.Services, checkpoints);
        }
        finally
        {
            Console.SetOut(previous);
        }
        var last = output.ToString().Trim().Split('\n')[^1].Trim();
        return (code, code == 0 ? last.Split(" / ")[0] : last);
    }
}

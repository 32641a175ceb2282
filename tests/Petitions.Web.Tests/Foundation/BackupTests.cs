using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Core.Tracking;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Tests.Foundation;

/// <summary>Backup, then restore into an empty database and storage folder: everything needed to carry on is there.</summary>
public sealed class BackupTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task ABackup_RestoresIntoAnEmptyDatabase_WithTheKeysFilesAuditChainAndStatistics()
    {
        var files = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 bank statement"u8.ToArray()), "Files", "流水.pdf" } };
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient(), files: files);
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var page = await officer.GetPageAsync($"/Staff/Report/{id}");
        await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "Claim"));
        await Factory.RunRecurringAsync(Jobs.StatsRefreshJob.Id);
        var statsBefore = await Factory.QueryAsync(db => db.StatsSnapshots.OrderByDescending(s => s.Id).Select(s => s.PublicJson).FirstAsync());
        var auditBefore = await Factory.QueryAsync(db => db.AuditEntries.CountAsync());

        var folder = Path.Combine(Path.GetTempPath(), "petitions-backup-" + Guid.NewGuid().ToString("N"));
        await BackupCommand.BackupAsync(Factory.Services, Factory.Database.ConnectionString, folder, "correct horse battery staple");
        Assert.Equal([BackupCommand.FilesFile, BackupCommand.DatabaseFile, BackupCommand.ManifestFile, BackupCommand.SecretsFile],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // The secrets are not readable without the passphrase.
        Assert.DoesNotContain(PetitionsFactory.AccessKeySecret, await File.ReadAllTextAsync(Path.Combine(folder, BackupCommand.SecretsFile)), StringComparison.Ordinal);

        await using var empty = await TestDatabase.CreateAsync("restore");
        var storage = Directory.CreateTempSubdirectory("petitions-restored-").FullName;
        var secretsDir = Directory.CreateTempSubdirectory("petitions-secrets-").FullName;
        await Assert.ThrowsAsync<InvalidOperationException>(() => BackupCommand.RestoreAsync(empty.ConnectionString, storage, folder, "wrong passphrase", secretsDir));
        var secrets = await BackupCommand.RestoreAsync(empty.ConnectionString, storage, folder, "correct horse battery staple", secretsDir);
        Assert.Equal(PetitionsFactory.AccessKeySecret, await File.ReadAllTextAsync(Path.Combine(secretsDir, "access-key.secret")));
        // A second restore over it is refused: it goes into an empty database only.
        await Assert.ThrowsAsync<InvalidOperationException>(() => BackupCommand.RestoreAsync(empty.ConnectionString, storage, folder, "correct horse battery staple", secretsDir));

        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(empty.ConnectionString).Options;
        await using var restored = new AppDbContext(options);
        var report = await restored.Reports.Include(r => r.Attachments).SingleAsync(r => r.Id == id);
        // The reporter's number and key still open the report: the key's hash verifies under the restored secret.
        Assert.Equal(number, report.TrackingNumber);
        Assert.Equal(report.AccessKeyHash, new AccessKeyHasher(secrets.AccessKeySecret).Hash(TrackingCodes.NormalizeAccessKey(key)!));
        // The officer's attachment is there, byte for byte.
        var attachment = report.Attachments.Single();
        var path = Path.Combine(storage, attachment.StorageKey[..2], attachment.StorageKey);
        Assert.Equal("%PDF-1.4 bank statement", await File.ReadAllTextAsync(path));
        // The audit chain verifies and is complete; the statistics are those of before.
        var (checkedEntries, broken) = await new AuditLog(restored, TimeProvider.System).VerifyAsync();
        Assert.Null(broken);
        Assert.Equal(auditBefore, checkedEntries);
        Assert.Equal(statsBefore, await restored.StatsSnapshots.OrderByDescending(s => s.Id).Select(s => s.PublicJson).FirstAsync());
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(folder, true);
    }
}

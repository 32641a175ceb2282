using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Tests.Foundation;

/// <summary>Backup, then restore into a new, empty cluster and storage folder: the site carries on from them alone.</summary>
public sealed class BackupTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task ABackup_RestoredIntoANewCluster_LetsTheReporterTrackAndTheOfficerOpenTheFile_WithTheAuditChainAndStatistics()
    {
        var files = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Pdf("bank statement")), "Files", "流水.pdf" } };
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient(), files: files);
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var page = await officer.GetPageAsync($"/Staff/Report/{id}");
        await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "Claim"));
        await Factory.RunRecurringAsync(Jobs.StatsRefreshJob.Id);
        var statsBefore = await Factory.QueryAsync(db => db.StatsSnapshots.OrderByDescending(s => s.Id).Select(s => s.PublicJson).FirstAsync());
        var auditBefore = await Factory.QueryAsync(db => db.AuditEntries.CountAsync());

        var folder = Path.Combine(Path.GetTempPath(), "petitions-backup-" + Guid.NewGuid().ToString("N"));
        // A weak passphrase is refused before anything is written.
        var weak = await Assert.ThrowsAsync<InvalidOperationException>(() => BackupCommand.BackupAsync(Factory.Services, Factory.Database.ConnectionString, folder, "x"));
        Assert.Contains("too weak", weak.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
        await BackupCommand.BackupAsync(Factory.Services, Factory.Database.ConnectionString, folder, "correct horse battery staple");
        Assert.Equal([BackupCommand.FilesFile, BackupCommand.DatabaseFile, BackupCommand.ManifestFile, BackupCommand.SecretsFile],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // The secrets are not readable without the passphrase.
        Assert.DoesNotContain(PetitionsFactory.AccessKeySecret, await File.ReadAllTextAsync(Path.Combine(folder, BackupCommand.SecretsFile)), StringComparison.Ordinal);

        // The machine is lost: a new, empty cluster (initdb) and an empty storage folder.
        await using var cluster = await LocalCluster.StartEmptyAsync();
        await cluster.ExecuteAsync("CREATE DATABASE petitions");
        var restoredDatabase = cluster.ConnectionString("petitions");
        var storage = Directory.CreateTempSubdirectory("petitions-restored-").FullName;
        var secretsDir = Directory.CreateTempSubdirectory("petitions-secrets-").FullName;
        await Assert.ThrowsAsync<InvalidOperationException>(() => BackupCommand.RestoreAsync(restoredDatabase, storage, folder, "wrong passphrase", secretsDir));
        var secrets = await BackupCommand.RestoreAsync(restoredDatabase, storage, folder, "correct horse battery staple", secretsDir);
        Assert.Equal(PetitionsFactory.AccessKeySecret, await File.ReadAllTextAsync(Path.Combine(secretsDir, "access-key.secret")));
        // A second restore over it is refused: it goes into an empty database only.
        await Assert.ThrowsAsync<InvalidOperationException>(() => BackupCommand.RestoreAsync(restoredDatabase, storage, folder, "correct horse battery staple", secretsDir));

        // The audit chain verifies and is complete; the statistics are those of before.
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(restoredDatabase).Options;
        await using (var restored = new AppDbContext(options))
        {
            var (checkedEntries, broken) = await new AuditLog(restored, TimeProvider.System).VerifyAsync();
            Assert.Null(broken);
            Assert.Equal(auditBefore, checkedEntries);
            Assert.Equal(statsBefore, await restored.StatsSnapshots.OrderByDescending(s => s.Id).Select(s => s.PublicJson).FirstAsync());
        }

        // The site, started on the restored database, storage and secrets alone.
        await using var site = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), new Dictionary<string, string>
        {
            ["ConnectionStrings:Petitions"] = restoredDatabase,
            ["Storage:Root"] = storage,
            ["Petitions:AccessKeySecret"] = secrets.AccessKeySecret,
            ["Petitions:KeyProtectionCertificate"] = Path.Combine(secretsDir, "key-protection.pfx"),
            ["Petitions:KeyProtectionCertificatePassword"] = await File.ReadAllTextAsync(Path.Combine(secretsDir, "key-protection.password")),
            ["Petitions:RunJobServer"] = "false",
        });
        FormClient Client() => new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = site.Root });
        // The anonymous reporter follows the report with the old number and key.
        var reporter = Client();
        var opened = await reporter.SubmitAsync(await reporter.GetPageAsync("/Track"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, opened.StatusCode);
        var timeline = await reporter.GetPageAsync(opened.Headers.Location!.OriginalString);
        Assert.Contains(number, timeline.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // The officer signs in (password and authenticator as before) and opens the attachment, byte for byte.
        var restoredOfficer = Client();
        await Factory.SignInStaffAsync(restoredOfficer, "county@example.org", PetitionsFactory.StaffPassword);
        var staffPage = await restoredOfficer.GetPageAsync($"/Staff/Report/{id}");
        using (var file = await restoredOfficer.Http.GetAsync(staffPage.QuerySelector("#attachments a")!.GetAttribute("href")))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, file.StatusCode);
            Assert.Contains("(bank statement) Tj", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(folder, true);
    }
}

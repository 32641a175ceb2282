using Microsoft.EntityFrameworkCore;
using Petitions.Testing;
using Petitions.Web.Jobs;

namespace Petitions.Web.Tests.Citizens;

public sealed class OrphanUploadsTests(PetitionsFactory factory) : WebTest(factory)
{
    private static MultipartFormDataContent TextFile(string text) =>
        new() { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text)), "Files", "notes.txt" } };

    private IEnumerable<string> StoredFiles() =>
        Directory.Exists(Factory.StorageFolder) ? Directory.EnumerateFiles(Factory.StorageFolder, "*", SearchOption.AllDirectories) : [];

    [Fact]
    public async Task FilesOfAFormNeverSubmitted_AreDeletedAfterADay_ThoseOfReportsStay()
    {
        // A report with its file, and a form abandoned after an error, whose file was stored already.
        await Filing.PostAsync(NewClient(), Filing.ValidFields(), TextFile("kept: evidence for a filed report"));
        var abandoned = Filing.ValidFields();
        abandoned.Remove("Input.KindCode");
        await Filing.PostAsync(NewClient(), abandoned, TextFile("orphan: this form was never sent"));
        string claimed;
        await using (var scope = Factory.Service<IDbContextFactoryLike>().Open())
        {
            claimed = (await scope.Db.Attachments.SingleAsync()).StorageKey;
        }
        var files = StoredFiles().ToList();
        Assert.Equal(2, files.Count);
        var orphan = files.Single(f => Path.GetFileName(f) != claimed);

        // A fresh orphan may still be claimed by its form: the job leaves it.
        await Factory.RunRecurringAsync(OrphanUploadsJob.Id);
        Assert.True(File.Exists(orphan));

        foreach (var f in files)
        {
            File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddDays(-2));
        }
        await Factory.RunRecurringAsync(OrphanUploadsJob.Id);
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(files.Single(f => Path.GetFileName(f) == claimed)));
    }
}

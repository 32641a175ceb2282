using System.Diagnostics;
using ImageMagick;
using Petitions.Testing;

namespace Petitions.Web.Tests.Citizens;

/// <summary>
/// The audit's flood: a client posts the filing form's navigation buttons again and again, each time with ten small
/// files of huge pictures, and never files. Navigation posts only store files as sent (no decoding, no cleaning), a
/// form keeps at most its ten files however often it is posted, and a reporter filing at the same time is not held up.
/// </summary>
public sealed class NavigationFloodTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task ARegionPostFlood_StoresOneFormsTenFilesAsSent_AndAnotherReporterStillFilesPromptly()
    {
        var png = TestFiles.Png(6_300, 6_300);
        Assert.True(png.Length < 10_000, $"{png.Length} bytes for 39.7 million pixels");
        var attacker = new FormClient(Factory.CreateClient(new() { AllowAutoRedirect = false }), "203.0.113.9");
        var form = await attacker.GetPageAsync("/Report", "en");
        var fields = Filing.ValidFields("匿名反映：乡镇劳动保障站持有已故老人的社保卡。");
        var clock = Stopwatch.StartNew();
        var flood = Task.Run(async () =>
        {
            for (var post = 0; post < 20; post++)
            {
                var files = new MultipartFormDataContent();
                for (var f = 0; f < 10; f++)
                {
                    files.Add(new ByteArrayContent(png), "Files", $"scan-{post}-{f}.png");
                }
                form = await FormClient.ParseAsync(await attacker.SubmitAsync(form, fields, extraContent: files, formAction: "/Report?handler=Region"));
            }
            return clock.Elapsed;
        });

        using var photo = new MagickImage(MagickColors.Khaki, 1200, 900) { Format = MagickFormat.Jpeg };
        var receipt = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), Filing.ValidFields(),
            new MultipartFormDataContent { { new ByteArrayContent(photo.ToByteArray()), "Files", "存折.jpg" } }, "en"));
        var filed = clock.Elapsed;
        var flooded = await flood;

        Assert.NotNull(receipt.QuerySelector("#tracking-number"));
        Assert.True(filed < TimeSpan.FromSeconds(15), $"the other reporter filed in {filed.TotalSeconds:0.0} s during the flood");
        Assert.True(flooded < TimeSpan.FromSeconds(60), $"200 pictures of 39.7 MP posted in {flooded.TotalSeconds:0.0} s");
        Assert.Equal("At most 10 attachments.", Filing.ErrorFor(form, "Files"));
        // Ten files are kept for the form, each byte for byte as sent: none was decoded or re-encoded.
        var kept = Directory.EnumerateFiles(Factory.StorageFolder, "*", SearchOption.AllDirectories)
            .Count(path => new FileInfo(path).Length == png.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(png));
        Assert.Equal(10, kept);
    }
}

using System.IO.Compression;
using System.Text;
using ImageMagick;
using Microsoft.EntityFrameworkCore;
using Petitions.Testing;
using Petitions.Web.Services;
using PdfSharp.Pdf.IO;

namespace Petitions.Web.Tests.Citizens;

/// <summary>
/// Every accepted kind of file, sent with planted metadata (an author, a place), reaches officers without it and still
/// opens; kinds that cannot be cleaned are refused with a message by the field; the page says exactly what is done.
/// </summary>
public sealed class MetadataTests(PetitionsFactory factory) : WebTest(factory)
{
    private const string Planted = "PlantedAuthor Li Si";

    public static TheoryData<string> Kinds => ["photo.jpg", "scan.png", "image.webp", "IMG_0001.heic", "statement.pdf", "letter.docx",
        "call.wav", "call.mp3", "call.flac", "clip.mp4", "clip.mov", "memo.m4a"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AFileWithPlantedMetadata_ReachesOfficersWithoutIt_AndStillOpens(string name)
    {
        var sent = Planting(name);
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), Filing.ValidFields(),
            new MultipartFormDataContent { { new ByteArrayContent(sent), "Files", name } }, "en"));
        Assert.True(page.QuerySelector("#tracking-number") is not null, page.QuerySelector(".validation-summary-errors")?.TextContent + " / " + Filing.ErrorFor(page, "Files") + " / " + page.Title + page.Body!.TextContent[..Math.Min(300, page.Body!.TextContent.Length)]);

        var attachment = await Factory.QueryAsync(db => db.Attachments.SingleAsync());
        var stored = await ReadStoredAsync(attachment.StorageKey);
        Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes("PlantedAuthor")));
        Assert.Equal(-1, stored.AsSpan().IndexOf("+27.1234"u8));
        StillOpens(name, sent, stored);
        if (name.EndsWith(".heic", StringComparison.Ordinal))
        {
            Assert.Equal(("IMG_0001.jpg", "image/jpeg"), (attachment.DisplayName, attachment.ContentType));
        }
    }

    [Theory]
    [InlineData("old.doc", new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData("voice.ogg", new byte[] { 0x4F, 0x67, 0x67, 0x53, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData("clip.webm", new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public async Task AKindThatCannotBeCleaned_IsRefusedBesideTheField_WithWhatToSendInstead(string name, byte[] bytes)
    {
        var fields = Filing.ValidFields();
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), fields,
            new MultipartFormDataContent { { new ByteArrayContent(bytes), "Files", name } }, "en"));
        Assert.Null(page.QuerySelector("#tracking-number"));
        Assert.StartsWith($"“{name}” is a kind of file whose hidden data (author, device, place) this site cannot remove",
            Filing.ErrorFor(page, "Files"), StringComparison.Ordinal);
        Assert.Equal(fields["Input.Description"], page.QuerySelector("#Input_Description")!.TextContent.Trim());
        Assert.Equal(0, await Factory.QueryAsync(db => db.Attachments.CountAsync()));
    }

    [Fact]
    public async Task ThePromiseBesideTheFiles_SaysWhatIsRemoved_InBothLanguages()
    {
        var en = await NewClient().GetPageAsync("/Report", "en");
        Assert.Contains("iPhone HEIC photos become JPEG", en.QuerySelector("#files-help")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("audio and video lose their tags and recorded location", en.QuerySelector("#files-help")!.TextContent, StringComparison.Ordinal);
        var zh = await NewClient().GetPageAsync("/Report", "zh-CN");
        Assert.Contains("HEIC 照片会转为 JPEG", zh.QuerySelector("#files-help")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APdfThatCannotBeRead_IsRefusedWhenTheReportIsSent_AndTheFormIsKept()
    {
        var fields = Filing.ValidFields();
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), fields,
            new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 not really a document"u8.ToArray()), "Files", "流水.pdf" } }, "en"));
        Assert.Null(page.QuerySelector("#tracking-number"));
        Assert.StartsWith("“流水.pdf” could not be read as the kind of file it is", Filing.ErrorFor(page, "Files"), StringComparison.Ordinal);
        Assert.Equal(fields["Input.Description"], page.QuerySelector("#Input_Description")!.TextContent.Trim());
        Assert.Equal(0, await Factory.QueryAsync(db => db.Reports.CountAsync()));
    }

    private async Task<byte[]> ReadStoredAsync(string key)
    {
        await using var stream = Factory.Service<AttachmentStore>().OpenRead(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The file as a phone or an office program would leave it: the same author and place in each kind's own fields.</summary>
    private static byte[] Planting(string name) => Path.GetExtension(name) switch
    {
        ".jpg" => Picture(MagickFormat.Jpeg),
        ".png" => Picture(MagickFormat.Png),
        ".webp" => Picture(MagickFormat.WebP),
        // ImageMagick here reads HEIC but cannot write it: an AVIF (the same HEIF container) under the "heic" brand.
        ".heic" => Heic(),
        ".pdf" => TestFiles.Pdf("bank statement", Planted),
        ".docx" => TestFiles.Docx("The clerk kept 612 cards.", Planted),
        ".wav" => TestFiles.Wav(planted: Planted),
        ".mp3" => TestFiles.Mp3(Planted),
        ".flac" => TestFiles.Flac(Planted),
        ".mp4" => TestFiles.Mp4(Planted),
        ".mov" => TestFiles.Mp4(Planted, "qt  "),
        _ => TestFiles.Mp4(Planted, "M4A "),
    };

    private static byte[] Picture(MagickFormat format)
    {
        using var image = new MagickImage(MagickColors.SteelBlue, 64, 48);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Artist, Planted);
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(27, 1), new Rational(1234, 100), new Rational(0, 1)]);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        image.SetProfile(exif);
        image.SetAttribute("comment", Planted);
        image.Format = format;
        return image.ToByteArray();
    }

    private static byte[] Heic()
    {
        var avif = Picture(MagickFormat.Avif);
        "heic"u8.CopyTo(avif.AsSpan(8));
        return avif;
    }

    private static void StillOpens(string name, byte[] sent, byte[] stored)
    {
        switch (Path.GetExtension(name))
        {
            case ".jpg" or ".png" or ".webp" or ".heic":
                using (var image = new MagickImage(stored))
                {
                    Assert.Equal((64u, 48u), (image.Width, image.Height));
                    Assert.Null(image.GetExifProfile());
                }
                break;
            case ".pdf":
                using (var pdf = PdfReader.Open(new MemoryStream(stored), PdfDocumentOpenMode.Import))
                {
                    Assert.Equal(1, pdf.PageCount);
                }
                Assert.Contains("(bank statement) Tj", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
                break;
            case ".docx":
                using (var zip = new ZipArchive(new MemoryStream(stored)))
                using (var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open()))
                {
                    Assert.Contains("The clerk kept 612 cards.", reader.ReadToEnd(), StringComparison.Ordinal);
                }
                break;
            case ".mp3":
                // The three frames, byte for byte, without the tags around them.
                Assert.Equal(3 * 417, stored.Length);
                Assert.Equal([0xFF, 0xFB, 0x90, 0x64], stored[..4]);
                break;
            case ".flac":
                Assert.Equal(sent.Length, stored.Length);
                Assert.True(stored.AsSpan(0, 42).SequenceEqual(sent.AsSpan(0, 42)), "the stream information is unchanged");
                break;
            default:
                // Padding of the same size in place of the tags: every offset in the file is unchanged.
                Assert.Equal(sent.Length, stored.Length);
                Assert.True(stored.AsSpan(sent.Length - 200).SequenceEqual(sent.AsSpan(sent.Length - 200)), "the sound or picture at the end is unchanged");
                break;
        }
    }
}

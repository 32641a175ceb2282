using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Petitions.Testing;
using Petitions.Web.Services;

namespace Petitions.Web.Tests.Citizens;

/// <summary>Files that cost far more than their size are refused up front, with a message by the field; odd names are cleaned.</summary>
public sealed class UploadLimitsTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task ATinyPngOfAHugePicture_IsRefusedBeforeDecoding_AndTheFormKeepsTheText()
    {
        var png = TestFiles.Png(14_000, 14_000);
        Assert.True(png.Length < 100_000, $"{png.Length} bytes");
        var fields = Filing.ValidFields();
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), fields,
            new MultipartFormDataContent { { new ByteArrayContent(png), "Files", "scan.png" } }, "en"));

        Assert.Null(page.QuerySelector("#tracking-number"));
        Assert.Equal("“scan.png” is a picture of more than 40 million pixels. Send a smaller copy of it.", Filing.ErrorFor(page, "Files"));
        Assert.Equal(fields["Input.Description"], page.QuerySelector("#Input_Description")!.TextContent.Trim());
        Assert.Equal(0, await Factory.QueryAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task AnOfficeDocumentThatUnpacksPast100MB_IsRefused()
    {
        using var docx = new MemoryStream();
        using (var zip = new ZipArchive(docx, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var part = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 101; i++)
            {
                await part.WriteAsync(zeros);
            }
        }
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), Filing.ValidFields(),
            new MultipartFormDataContent { { new ByteArrayContent(docx.ToArray()), "Files", "letter.docx" } }, "en"));

        Assert.Equal("“letter.docx” unpacks to more than 100 MB. Send the document as PDF, or in parts.", Filing.ErrorFor(page, "Files"));
    }

    [Theory]
    [InlineData("CON.txt", ".txt", "attachment-CON.txt")]
    [InlineData("COM1.jpg.txt", ".txt", "attachment-COM1.jpg.txt")]
    [InlineData("lpt9 .pdf.txt", ".txt", "attachment-lpt9 .pdf.txt")]
    [InlineData("lpt1.pdf", ".pdf", "attachment-lpt1.pdf")]
    [InlineData("..%2f..%2fetc%2fpasswd", ".txt", "passwd.txt")]
    [InlineData("..%5C..%5Cwindows%5Cwin.ini", ".txt", "win.txt")]
    [InlineData("证据 (1).pdf", ".pdf", "证据 (1).pdf")]
    public void UploadNames_AreDisplayTextOnly(string name, string extension, string expected) =>
        Assert.Equal(expected, DisplayNames.Sanitize(name, extension));
}

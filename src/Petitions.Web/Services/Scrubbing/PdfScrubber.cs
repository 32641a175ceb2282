using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Petitions.Web.Services.Scrubbing;

/// <summary>
/// PDF through PDFsharp: the document information (author, title, creator tool…), the XMP packet, each page's
/// metadata and private application data, and the author of every annotation are dropped, then the file is written
/// anew. Writing anew keeps only the objects still reachable, so an earlier revision's information (an incremental
/// update leaves the old one in the file) and the original file identifier are gone too. PDFsharp then writes its own
/// empty information dictionary. A password-protected or broken PDF cannot be cleaned and is refused.
/// </summary>
internal static class PdfScrubber
{
    private static readonly string[] PageKeys = ["/Metadata", "/PieceInfo"];

    public static void Clean(Stream source, string targetPath)
    {
        try
        {
            using var document = PdfReader.Open(source, PdfDocumentOpenMode.Modify);
            document.Info.Elements.Clear();
            document.Internals.Catalog.Elements.Remove("/Metadata");
            document.Internals.Catalog.Elements.Remove("/PieceInfo");
            foreach (var page in document.Pages)
            {
                foreach (var key in PageKeys)
                {
                    page.Elements.Remove(key);
                }
                if (page.Elements.GetArray("/Annots") is { } annotations)
                {
                    foreach (var item in annotations.Elements)
                    {
                        if ((item is PdfSharp.Pdf.Advanced.PdfReference reference ? reference.Value : item) is PdfDictionary annotation)
                        {
                            // "/T" is the name of whoever wrote a comment or a highlight.
                            annotation.Elements.Remove("/T");
                            annotation.Elements.Remove("/M");
                        }
                    }
                }
            }
            document.Options.CompressContentStreams = false;
            document.Save(targetPath);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // PDFsharp's parser reports a broken or hostile file in many ways; all of them mean "cannot be cleaned".
            File.Delete(targetPath);
            throw new ScrubException("Not a readable PDF.", ex);
        }
    }
}

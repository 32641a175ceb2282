using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using ImageMagick;

namespace Petitions.Web.Services.Scrubbing;

/// <summary>
/// Office Open XML (.docx, .xlsx, .pptx) and OpenDocument (.odt) files are ZIP packages of XML parts. The package is
/// written again part by part: the document properties (author, last editor, company, manager, custom fields) are
/// emptied; in every part, the names and initials on comments and tracked changes, the people list's account ids and
/// Word's revision-session ids are blanked; pictures inside lose their EXIF and GPS; every entry gets the same date.
/// What the document says in its text stays, as the reporter wrote it.
/// </summary>
internal static class PackageScrubber
{
    private static readonly DateTimeOffset Epoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Parts that are only properties: kept with their root and nothing in it.</summary>
    private static readonly HashSet<string> PropertyParts = ["docProps/core.xml", "docProps/custom.xml", "meta.xml"];

    /// <summary>Elements that name or place a person, anywhere: emptied.</summary>
    private static readonly HashSet<string> PersonElements =
        ["creator", "lastModifiedBy", "initial-creator", "Company", "Manager", "HyperlinkBase", "printed-by", "user-defined", "rsids"];

    /// <summary>Attributes that name a person or tie the file to an account (required where they appear): emptied.</summary>
    private static readonly HashSet<string> PersonAttributes = ["author", "initials", "userId", "providerId"];

    private static readonly HashSet<string> PictureExtensions = [".jpg", ".jpeg", ".png", ".tif", ".tiff", ".gif", ".webp", ".heic", ".bmp"];

    public static void Clean(Stream source, string targetPath)
    {
        try
        {
            using var input = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
            using var file = new FileStream(targetPath, FileMode.CreateNew, FileAccess.Write);
            using var output = new ZipArchive(file, ZipArchiveMode.Create);
            // OpenDocument's "mimetype" must come first and stay uncompressed.
            foreach (var entry in input.Entries.OrderBy(e => e.FullName == "mimetype" ? 0 : 1))
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }
                var level = entry.FullName == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal;
                var copy = output.CreateEntry(entry.FullName, level);
                copy.LastWriteTime = Epoch;
                using var from = entry.Open();
                using var to = copy.Open();
                var extension = Path.GetExtension(entry.FullName).ToLowerInvariant();
                if (extension is ".xml" or ".rels")
                {
                    CleanXml(entry.FullName, from, to);
                }
                else if (PictureExtensions.Contains(extension))
                {
                    CleanPicture(from, to);
                }
                else
                {
                    from.CopyTo(to);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or MagickException)
        {
            File.Delete(targetPath);
            throw new ScrubException("Not a readable document package.", ex);
        }
    }

    private static void CleanXml(string name, Stream from, Stream to)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(from, settings);
        var document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        if (document.Root is { } root)
        {
            if (PropertyParts.Contains(name))
            {
                // meta.xml keeps its <office:meta> wrapper; core.xml and custom.xml keep only their root.
                var keep = root.Elements().FirstOrDefault(e => e.Name.LocalName == "meta");
                root.RemoveNodes();
                if (keep is not null)
                {
                    keep.RemoveNodes();
                    root.Add(keep);
                }
            }
            foreach (var element in root.DescendantsAndSelf().Where(e => PersonElements.Contains(e.Name.LocalName)).ToList())
            {
                element.RemoveNodes();
                element.RemoveAttributes();
            }
            foreach (var attribute in root.DescendantsAndSelf().Attributes().ToList())
            {
                if (PersonAttributes.Contains(attribute.Name.LocalName))
                {
                    attribute.Value = "";
                }
                else if (attribute.Name.LocalName.StartsWith("rsid", StringComparison.Ordinal) || attribute.Name.LocalName == "dateUtc")
                {
                    attribute.Remove();
                }
            }
        }
        using var writer = XmlWriter.Create(to, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        document.Save(writer);
    }

    private static void CleanPicture(Stream from, Stream to)
    {
        using var buffer = new MemoryStream();
        from.CopyTo(buffer);
        buffer.Position = 0;
        using var image = new MagickImage(buffer);
        image.Strip();
        image.Write(to);
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Petitions.Testing;

/// <summary>
/// Small but real files of each accepted kind, written byte by byte, optionally carrying planted metadata (an author,
/// a place) where that kind keeps it: what a reporter's phone or office software would leave in them.
/// </summary>
public static class TestFiles
{
    /// <summary>An identity number from its first 17 digits and its GB 11643 check character (computed, never typed).</summary>
    public static string IdNumber(string first17) => Core.Reports.ChineseIdNumber.Complete(first17);

    /// <summary>A one-page PDF whose page shows <paramref name="text"/> (ASCII), with an author and an XMP creator if given.</summary>
    public static byte[] Pdf(string text, string? planted = null)
    {
        var content = $"BT /F1 12 Tf 72 712 Td ({text}) Tj ET";
        var xmp = $"<x:xmpmeta xmlns:x='adobe:ns:meta/'><dc:creator>{planted}</dc:creator></x:xmpmeta>";
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R" + (planted is null ? "" : " /Metadata 5 0 R") + " >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                + (planted is null ? "" : $" /Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /T ({planted}) /Contents (note) >>]") + " >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        };
        if (planted is not null)
        {
            objects.Add($"<< /Type /Metadata /Subtype /XML /Length {xmp.Length} >>\nstream\n{xmp}\nendstream");
            objects.Add($"<< /Author ({planted}) /Creator ({planted}) >>");
        }
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }
        pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R" + (planted is null ? "" : " /Info 6 0 R") + $" >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    /// <summary>A WAV of <paramref name="samples"/> silent 8-bit samples, with a LIST/INFO artist if given.</summary>
    public static byte[] Wav(int samples = 800, string? planted = null)
    {
        using var body = new MemoryStream();
        Chunk(body, "fmt ", [1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x40, 0x1F, 0, 0, 1, 0, 8, 0]);
        if (planted is not null)
        {
            var artist = Encoding.UTF8.GetBytes(planted + "\0");
            using var info = new MemoryStream();
            info.Write("INFO"u8);
            Chunk(info, "IART", artist);
            Chunk(body, "LIST", info.ToArray());
        }
        Chunk(body, "data", Enumerable.Repeat((byte)0x80, samples).ToArray());
        using var file = new MemoryStream();
        file.Write("RIFF"u8);
        file.Write(LittleEndian((uint)(body.Length + 4)));
        file.Write("WAVE"u8);
        body.WriteTo(file);
        return file.ToArray();
    }

    /// <summary>An MP4 (brand isom) with an empty movie header, a user-data box naming a place and an author, and media data.</summary>
    public static byte[] Mp4(string planted, string brand = "isom")
    {
        using var file = new MemoryStream();
        Box(file, "ftyp", [.. Encoding.ASCII.GetBytes(brand), 0, 0, 2, 0, .. Encoding.ASCII.GetBytes(brand)]);
        using var moov = new MemoryStream();
        Box(moov, "mvhd", new byte[100]);
        using var udta = new MemoryStream();
        Box(udta, "\u00A9xyz", [0, 20, 0, 0, .. Encoding.ASCII.GetBytes("+27.1234+112.5678/")]);
        Box(udta, "\u00A9ART", [.. Encoding.UTF8.GetBytes(planted)]);
        Box(moov, "udta", udta.ToArray());
        Box(moov, "meta", [0, 0, 0, 0, .. Encoding.UTF8.GetBytes("com.apple.quicktime.author " + planted)]);
        Box(file, "moov", moov.ToArray());
        Box(file, "mdat", Enumerable.Repeat((byte)0x55, 2000).ToArray());
        return file.ToArray();
    }

    /// <summary>An MP3: an ID3v2 tag, three silent frames (MPEG-1 layer III, 128 kbit/s, 44.1 kHz), an ID3v1 tag.</summary>
    public static byte[] Mp3(string planted)
    {
        using var file = new MemoryStream();
        var frame = Encoding.UTF8.GetBytes(planted);
        using var tag = new MemoryStream();
        tag.Write("TPE1"u8);
        tag.Write(BigEndian((uint)(frame.Length + 1)));
        tag.Write([0, 0, 3]);
        tag.Write(frame);
        var size = (int)tag.Length;
        file.Write([.. "ID3"u8, 4, 0, 0, (byte)((size >> 21) & 0x7F), (byte)((size >> 14) & 0x7F), (byte)((size >> 7) & 0x7F), (byte)(size & 0x7F)]);
        tag.WriteTo(file);
        for (var i = 0; i < 3; i++)
        {
            file.Write([0xFF, 0xFB, 0x90, 0x64]);
            file.Write(new byte[413]);
        }
        var v1 = new byte[128];
        "TAG"u8.CopyTo(v1);
        Encoding.ASCII.GetBytes(planted.Length > 30 ? planted[..30] : planted).CopyTo(v1, 33);
        file.Write(v1);
        return file.ToArray();
    }

    /// <summary>A FLAC header: stream info, then a Vorbis comment naming the artist, as the last block (no audio frames).</summary>
    public static byte[] Flac(string planted)
    {
        using var file = new MemoryStream();
        file.Write("fLaC"u8);
        file.Write([0x00, 0, 0, 34]);
        file.Write([0x10, 0x00, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0x0A, 0xC4, 0x40, 0xF0, 0, 0, 0, 0, .. new byte[16]]);
        var vendor = "test"u8.ToArray();
        var comment = Encoding.UTF8.GetBytes("ARTIST=" + planted);
        var block = new List<byte>();
        block.AddRange(LittleEndian((uint)vendor.Length));
        block.AddRange(vendor);
        block.AddRange(LittleEndian(1));
        block.AddRange(LittleEndian((uint)comment.Length));
        block.AddRange(comment);
        file.Write([0x84, 0, (byte)(block.Count >> 8), (byte)block.Count]);
        file.Write([.. block]);
        return file.ToArray();
    }

    /// <summary>A .docx whose text is <paramref name="text"/>, written by <paramref name="planted"/>, with a comment and a tracked insertion by them.</summary>
    public static byte[] Docx(string text, string planted)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
            Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>""");
            Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>""");
            Entry(zip, "word/document.xml", $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body><w:p w:rsidR="00A1B2C3"><w:r><w:t>{text}</w:t></w:r><w:ins w:id="1" w:author="{planted}" w:date="2020-01-01T00:00:00Z"><w:r><w:t> added</w:t></w:r></w:ins></w:p></w:body></w:document>""");
            Entry(zip, "word/comments.xml", $"""<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="{planted}" w:initials="PA"><w:p><w:r><w:t>check this</w:t></w:r></w:p></w:comment></w:comments>""");
            Entry(zip, "docProps/core.xml", $"""<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{planted}</dc:creator><cp:lastModifiedBy>{planted}</cp:lastModifiedBy></cp:coreProperties>""");
            Entry(zip, "docProps/app.xml", $"""<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><Company>{planted}</Company><Manager>{planted}</Manager></Properties>""");
        }
        return stream.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private static void Chunk(Stream to, string id, byte[] data)
    {
        to.Write(Encoding.ASCII.GetBytes(id));
        to.Write(LittleEndian((uint)data.Length));
        to.Write(data);
        if (data.Length % 2 == 1)
        {
            to.WriteByte(0);
        }
    }

    private static void Box(Stream to, string type, byte[] data)
    {
        to.Write(BigEndian((uint)(data.Length + 8)));
        to.Write(Encoding.Latin1.GetBytes(type));
        to.Write(data);
    }

    private static byte[] LittleEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>A valid greyscale 1-bit PNG of the given size whose pixels are all black: it compresses to almost nothing.</summary>
    public static byte[] Png(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1; // bit depth
        PngChunk(png, "IHDR", header);
        using var data = new MemoryStream();
        using (var z = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + ((width + 7) / 8)];
            for (var y = 0; y < height; y++)
            {
                z.Write(row);
            }
        }
        PngChunk(png, "IDAT", data.ToArray());
        PngChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void PngChunk(Stream png, string type, byte[] body)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, body.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(body).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}

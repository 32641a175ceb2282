using System.Text;

namespace Petitions.Web.Services;

/// <summary>What an upload really is, decided from its first bytes, never from its name.</summary>
public sealed record SniffedType(string ContentType, string Extension, bool IsImage);

/// <summary>
/// Recognises the allowed kinds of attachment by their signatures: images, PDF, office documents,
/// plain text, audio and video. Anything else (HTML, SVG, scripts, executables, bare archives) is
/// refused. No package in reach does this; the table below is the whole of it.
/// </summary>
public static class ContentSniffer
{
    public const int HeaderLength = 4096;

    public static SniffedType? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length < 12)
        {
            return head.Length > 0 && IsPlainText(head) ? new("text/plain", ".txt", false) : null;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return new("image/jpeg", ".jpg", true);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return new("image/png", ".png", true);
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return new("image/gif", ".gif", true);
        if (Riff(head, "WEBP"u8)) return new("image/webp", ".webp", true);
        if (head.StartsWith("%PDF-"u8)) return new("application/pdf", ".pdf", false);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return new("application/msword", ".doc", false);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04])) return Zip(head);
        if (head.StartsWith("ID3"u8) || (head[0] == 0xFF && (head[1] & 0xE0) == 0xE0)) return new("audio/mpeg", ".mp3", false);
        if (Riff(head, "WAVE"u8)) return new("audio/wav", ".wav", false);
        if (head.StartsWith("OggS"u8)) return new("audio/ogg", ".ogg", false);
        if (head.StartsWith("fLaC"u8)) return new("audio/flac", ".flac", false);
        if (head.StartsWith("#!AMR"u8)) return new("audio/amr", ".amr", false);
        if (head.Slice(4, 4).SequenceEqual("ftyp"u8)) return Mp4(head);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])) return new("video/webm", ".webm", false);
        if (Riff(head, "AVI "u8)) return new("video/x-msvideo", ".avi", false);
        return IsPlainText(head) ? new("text/plain", ".txt", false) : null;
    }

    private static SniffedType? Zip(ReadOnlySpan<byte> head)
    {
        // Office packages name their parts early in the archive; any other archive could hold anything.
        var text = Encoding.ASCII.GetString(head);
        if (text.Contains("word/", StringComparison.Ordinal)) return new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", false);
        if (text.Contains("xl/", StringComparison.Ordinal)) return new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", false);
        if (text.Contains("ppt/", StringComparison.Ordinal)) return new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", false);
        if (text.Contains("mimetypeapplication/vnd.oasis.opendocument", StringComparison.Ordinal)) return new("application/vnd.oasis.opendocument.text", ".odt", false);
        if (text.Contains("[Content_Types].xml", StringComparison.Ordinal)) return new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", false);
        return null;
    }

    private static SniffedType Mp4(ReadOnlySpan<byte> head) => Encoding.ASCII.GetString(head.Slice(8, 4)) switch
    {
        "M4A " or "M4B " => new("audio/mp4", ".m4a", false),
        "qt  " => new("video/quicktime", ".mov", false),
        "heic" or "heix" or "mif1" => new("image/heic", ".heic", true),
        _ => new("video/mp4", ".mp4", false),
    };

    private static bool Riff(ReadOnlySpan<byte> head, ReadOnlySpan<byte> form) =>
        head.StartsWith("RIFF"u8) && head.Slice(8, 4).SequenceEqual(form);

    /// <summary>Valid UTF-8 (a final character cut off by the sample is allowed), no NUL, and not markup a browser would run.</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> head)
    {
        if (head.Contains((byte)0))
        {
            return false;
        }
        var chars = new char[head.Length];
        try
        {
            new UTF8Encoding(false, true).GetDecoder().GetChars(head, chars, flush: false);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var start = Encoding.UTF8.GetString(head[..Math.Min(head.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return !start.StartsWith('<');
    }
}

using ImageMagick;

namespace Petitions.Web.Services.Scrubbing;

/// <summary>A file that cannot be read as the kind it claims to be, so its hidden data cannot be removed.</summary>
public sealed class ScrubException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Removes what a file says about its author and its place beyond what anyone can see in it: the metadata of every
/// accepted kind of file. Pictures are decoded and drawn again without any (HEIC, which iPhones send, becomes JPEG);
/// PDF loses its document information, XMP and annotation authors; Office and OpenDocument files lose their
/// properties, comment and revision authors, and the metadata of the pictures inside; audio and video keep only the
/// boxes or chunks that carry sound and picture. Kinds that cannot be cleaned are refused before they are stored
/// (<see cref="CanClean"/>). The work is done once, when a report is filed.
/// </summary>
public static class MetadataScrubber
{
    static MetadataScrubber()
    {
        // Belt and braces behind the header check: ImageMagick itself refuses pictures past these sizes, and keeps
        // at most 256 MB of pixels in memory (more goes to its disk cache rather than exhausting the process).
        ResourceLimits.Width = 20_000;
        ResourceLimits.Height = 20_000;
        ResourceLimits.Area = 200_000_000;
        ResourceLimits.Memory = 256UL * 1024 * 1024;
    }

    /// <summary>At most two files are cleaned at once, whatever the number of filings.</summary>
    private static readonly SemaphoreSlim Slots = new(2, 2);

    /// <summary>
    /// Old Word (.doc, an OLE compound file), Ogg and WebM recordings and AVI videos keep their metadata in structures
    /// this site does not rewrite: they are refused with a message naming the kinds to send instead.
    /// </summary>
    public static bool CanClean(SniffedType type) => type.Extension is not (".doc" or ".ogg" or ".webm" or ".avi");

    /// <summary>
    /// Writes a clean copy of <paramref name="source"/> to <paramref name="targetPath"/> and returns what the copy
    /// is (a HEIC photo comes back as a JPEG). Throws <see cref="ScrubException"/> for a file that is not what it claims.
    /// </summary>
    public static async Task<SniffedType> CleanAsync(SniffedType type, Stream source, string targetPath, CancellationToken ct)
    {
        await Slots.WaitAsync(ct);
        try
        {
            switch (type.Extension)
            {
                case ".docx" or ".xlsx" or ".pptx" or ".odt":
                    PackageScrubber.Clean(source, targetPath);
                    return type;
                case ".pdf":
                    PdfScrubber.Clean(source, targetPath);
                    return type;
                case ".mp4" or ".mov" or ".m4a" or ".wav" or ".flac" or ".mp3":
                    await MediaScrubber.CleanAsync(type, source, targetPath, ct);
                    return type;
                case ".txt" or ".amr":
                    // Plain text holds only what was typed; an AMR recording is frames after a six-byte header, no tags.
                    await CopyAsync(source, targetPath, ct);
                    return type;
                default:
                    if (!type.IsImage)
                    {
                        throw new ScrubException($"No cleaner for {type.Extension}.");
                    }
                    return await CleanImageAsync(type, source, targetPath, ct);
            }
        }
        finally
        {
            Slots.Release();
        }
    }

    /// <summary>Decodes and re-encodes, upright, with no EXIF, GPS, XMP, IPTC, comments or colour-profile names.</summary>
    private static async Task<SniffedType> CleanImageAsync(SniffedType type, Stream source, string path, CancellationToken ct)
    {
        try
        {
            using var images = new MagickImageCollection();
            await images.ReadAsync(source, ct);
            var heic = type.ContentType == "image/heic";
            foreach (var image in images)
            {
                // Turn the picture upright first: the orientation tag goes with the rest of the metadata.
                image.AutoOrient();
                image.Strip();
                if (heic)
                {
                    image.Format = MagickFormat.Jpeg;
                    image.Quality = 92;
                }
            }
            if (heic && images.Count > 1)
            {
                // A HEIC burst or live photo: the first picture is the photo.
                while (images.Count > 1)
                {
                    images.RemoveAt(images.Count - 1);
                }
            }
            await images.WriteAsync(path, ct);
            return heic ? new SniffedType("image/jpeg", ".jpg", true) : type;
        }
        catch (MagickException ex)
        {
            throw new ScrubException("Not a readable picture.", ex);
        }
    }

    internal static async Task CopyAsync(Stream source, string path, CancellationToken ct)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await source.CopyToAsync(target, ct);
    }
}

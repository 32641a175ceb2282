using System.ComponentModel.DataAnnotations;
using ImageMagick;
using Microsoft.Extensions.Options;

namespace Petitions.Web.Services;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for attachment files; one file per attachment, named by a random key.</summary>
    [Required]
    public string Root { get; set; } = "";

    [Range(1, 100)] public int MaxFiles { get; set; } = 10;
    [Range(1, 1L << 31)] public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The largest picture accepted, in pixels (all frames together); read from the header before decoding.</summary>
    [Range(1, 200_000_000)] public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>The most an office document (a ZIP inside) may unpack to.</summary>
    [Range(1, 1L << 34)] public long MaxUnpackedBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// Free space the storage folder's disk keeps: an upload that would leave less is refused with a message (the form
    /// and everything typed kept), so uploads never fill the disk the database and the logs share.
    /// </summary>
    [Range(0, long.MaxValue)] public long MinFreeBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// The most one client (an address; an IPv6 /64) may store in an hour, however many forms and posts it spreads them
    /// over: files stored for a form not yet sent cannot pile up from one place.
    /// </summary>
    [Range(1, long.MaxValue)] public long MaxBytesPerClientPerHour { get; set; } = 400L * 1024 * 1024;

    /// <summary>The largest request a form with files may send: every file at its largest, plus the fields.</summary>
    public long MaxRequestBytes => (MaxFiles * MaxFileBytes) + (10L * 1024 * 1024);
}

/// <summary>
/// A file accepted and stored; not yet (or already) tied to a report. <see cref="Clean"/> is false while the file is as
/// it was sent: it is cleaned of its metadata once, when the form is finally sent, and nothing ties an unclean file to
/// a report (<see cref="StoredFiles.RequireClean"/>).
/// </summary>
public sealed record StoredFile(string StorageKey, string DisplayName, string ContentType, long Length, bool Clean = false);

public static class StoredFiles
{
    /// <summary>The guard at every place a stored file becomes part of the record: an unclean file there is a bug.</summary>
    public static IReadOnlyList<StoredFile> RequireClean(this IReadOnlyList<StoredFile> files) =>
        files.All(f => f.Clean) ? files : throw new InvalidOperationException("A file still carrying its metadata was about to be attached.");
}

public enum UploadProblem
{
    None,
    TooLarge,
    TypeNotAllowed,
    Empty,
    Unreadable,
    /// <summary>A picture with more pixels than MaxImagePixels, however small the file.</summary>
    ImageTooLarge,
    /// <summary>An office document whose parts unpack to more than MaxUnpackedBytes.</summary>
    UnpacksTooLarge,
    /// <summary>Storing it would leave the disk below MinFreeBytes.</summary>
    DiskFull,
    /// <summary>This client has stored MaxBytesPerClientPerHour within the hour.</summary>
    ClientLimit,
    /// <summary>A kind of file whose metadata the site cannot remove (old .doc, Ogg, WebM, AVI).</summary>
    CannotClean,
}

/// <summary>
/// Streams uploads into the storage folder after checking what they are by content and their declared sizes (cheap
/// checks only: a form shown again, or a preview, costs no decoding). <see cref="CleanAsync"/> then writes a copy
/// without metadata (<see cref="Scrubbing.MetadataScrubber"/>) when the form is finally sent, and drops the original.
/// </summary>
public sealed class AttachmentStore(IOptions<StorageOptions> options, ILogger<AttachmentStore> logger)
{
    private readonly StorageOptions _options = options.Value;

    public StorageOptions Options => _options;

    public async Task<(StoredFile? File, UploadProblem Problem)> SaveAsync(IFormFile upload, CancellationToken ct)
    {
        if (upload.Length == 0)
        {
            return (null, UploadProblem.Empty);
        }
        if (upload.Length > _options.MaxFileBytes)
        {
            return (null, UploadProblem.TooLarge);
        }
        if (FreeBytes() - upload.Length < _options.MinFreeBytes)
        {
            logger.LogWarning("An upload was refused: the storage disk is at its free-space floor");
            return (null, UploadProblem.DiskFull);
        }
        await using var source = upload.OpenReadStream();
        var head = new byte[ContentSniffer.HeaderLength];
        var read = await source.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var type = ContentSniffer.Sniff(head.AsSpan(0, read));
        if (type is null)
        {
            return (null, UploadProblem.TypeNotAllowed);
        }
        if (!Scrubbing.MetadataScrubber.CanClean(type))
        {
            return (null, UploadProblem.CannotClean);
        }
        source.Position = 0;
        if (type.IsImage && !FitsImageLimit(source))
        {
            return (null, UploadProblem.ImageTooLarge);
        }
        if (type.Extension is ".docx" or ".xlsx" or ".pptx" or ".odt" && !FitsUnpackedLimit(source))
        {
            return (null, UploadProblem.UnpacksTooLarge);
        }
        source.Position = 0;
        var key = Guid.NewGuid().ToString("N");
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Scrubbing.MetadataScrubber.CopyAsync(source, path, ct);
        return (new StoredFile(key, DisplayNames.Sanitize(upload.FileName, type.Extension), type.ContentType, upload.Length), UploadProblem.None);
    }

    /// <summary>
    /// Writes the clean copy of a file stored as sent, under a new key, and deletes the original; a file that cannot be
    /// read as what it is comes back as <see cref="UploadProblem.Unreadable"/>, its original deleted too.
    /// </summary>
    public async Task<(StoredFile? File, UploadProblem Problem)> CleanAsync(StoredFile file, CancellationToken ct)
    {
        if (file.Clean)
        {
            return (file, UploadProblem.None);
        }
        var key = Guid.NewGuid().ToString("N");
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            SniffedType? type;
            await using (var source = OpenRead(file.StorageKey))
            {
                var head = new byte[ContentSniffer.HeaderLength];
                var read = await source.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
                type = ContentSniffer.Sniff(head.AsSpan(0, read));
                if (type is null || !Scrubbing.MetadataScrubber.CanClean(type))
                {
                    return (null, UploadProblem.TypeNotAllowed);
                }
                source.Position = 0;
                type = await Scrubbing.MetadataScrubber.CleanAsync(type, source, path, ct);
            }
            var name = Path.ChangeExtension(file.DisplayName, type.Extension);
            return (new StoredFile(key, name, type.ContentType, new FileInfo(path).Length, Clean: true), UploadProblem.None);
        }
        catch (Scrubbing.ScrubException ex)
        {
            logger.LogInformation(ex, "An uploaded file could not be cleaned of its metadata");
            Delete(key);
            return (null, UploadProblem.Unreadable);
        }
        catch (FileNotFoundException)
        {
            // The same form sent twice at once: the other post cleaned (and removed) this file first.
            Delete(key);
            return (null, UploadProblem.Unreadable);
        }
        finally
        {
            Delete(file.StorageKey);
        }
    }

    public Stream OpenRead(string key) => new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public bool Exists(string key) => File.Exists(PathOf(key));

    /// <summary>Free space on the storage folder's disk (statvfs of the folder, whatever its mount).</summary>
    public long FreeBytes()
    {
        Directory.CreateDirectory(_options.Root);
        return new DriveInfo(Path.GetFullPath(_options.Root)).AvailableFreeSpace;
    }

    /// <summary>Keys of the stored files last written before <paramref name="cutoff"/>.</summary>
    public IEnumerable<string> StoredBefore(DateTimeOffset cutoff)
    {
        if (!Directory.Exists(_options.Root))
        {
            yield break;
        }
        foreach (var dir in Directory.EnumerateDirectories(_options.Root))
        {
            foreach (var path in Directory.EnumerateFiles(dir))
            {
                var key = Path.GetFileName(path);
                if (key.Length == 32 && key.All(char.IsAsciiHexDigitLower) && File.GetLastWriteTimeUtc(path) < cutoff.UtcDateTime)
                {
                    yield return key;
                }
            }
        }
    }

    private string PathOf(string key)
    {
        if (key.Length != 32 || !key.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a storage key.", nameof(key));
        }
        return Path.Combine(_options.Root, key[..2], key);
    }

    /// <summary>
    /// Reads only the headers (ImageMagick's "ping"): a small file can claim a huge picture, which is refused
    /// before a single pixel is decoded. An unreadable header is left to the decoder, which answers "unreadable".
    /// </summary>
    private bool FitsImageLimit(Stream source)
    {
        try
        {
            var frames = MagickImageInfo.ReadCollection(source);
            return frames.Sum(f => (long)f.Width * f.Height) <= _options.MaxImagePixels;
        }
        catch (MagickException)
        {
            return true;
        }
    }

    /// <summary>Sums the sizes the archive declares for its parts, without unpacking any (a "ZIP bomb" is refused).</summary>
    private bool FitsUnpackedLimit(Stream source)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(source, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > _options.MaxUnpackedBytes)
                {
                    return false;
                }
            }
            return true;
        }
        catch (InvalidDataException)
        {
            // Not a readable archive: stored as the bytes it is, never opened by the site.
            return true;
        }
    }
}

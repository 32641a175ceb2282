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

    /// <summary>The largest request a form with files may send: every file at its largest, plus the fields.</summary>
    public long MaxRequestBytes => (MaxFiles * MaxFileBytes) + (10L * 1024 * 1024);
}

/// <summary>A file accepted and stored; not yet (or already) tied to a report.</summary>
public sealed record StoredFile(string StorageKey, string DisplayName, string ContentType, long Length);

public enum UploadProblem
{
    None,
    TooLarge,
    TypeNotAllowed,
    Empty,
    Unreadable,
}

/// <summary>
/// Streams uploads into the storage folder after checking what they are by content. Images are
/// re-encoded without EXIF, GPS or any other metadata before they are kept.
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
        await using var source = upload.OpenReadStream();
        var head = new byte[ContentSniffer.HeaderLength];
        var read = await source.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var type = ContentSniffer.Sniff(head.AsSpan(0, read));
        if (type is null)
        {
            return (null, UploadProblem.TypeNotAllowed);
        }
        source.Position = 0;
        var key = Guid.NewGuid().ToString("N");
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            if (type.IsImage && type.ContentType != "image/heic")
            {
                await StripImageAsync(source, path, ct);
            }
            else
            {
                await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await source.CopyToAsync(target, ct);
            }
        }
        catch (MagickException ex)
        {
            logger.LogInformation(ex, "An uploaded image could not be decoded");
            File.Delete(path);
            return (null, UploadProblem.Unreadable);
        }
        var length = new FileInfo(path).Length;
        return (new StoredFile(key, DisplayNames.Sanitize(upload.FileName, type.Extension), type.ContentType, length), UploadProblem.None);
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

    static AttachmentStore()
    {
        // A small file can claim a huge picture: refuse decompression bombs instead of allocating them.
        ResourceLimits.Width = 20_000;
        ResourceLimits.Height = 20_000;
        ResourceLimits.Area = 200_000_000;
    }

    private static async Task StripImageAsync(Stream source, string path, CancellationToken ct)
    {
        using var images = new MagickImageCollection();
        await images.ReadAsync(source, ct);
        foreach (var image in images)
        {
            // Turn the picture upright first: the orientation tag goes with the rest of the metadata.
            image.AutoOrient();
            image.Strip();
        }
        await images.WriteAsync(path, ct);
    }
}

/// <summary>The original file name only as display text: no path, no control characters, a sane length.</summary>
public static class DisplayNames
{
    /// <summary>Sanitized name; with <paramref name="extension"/> null the name keeps its own extension (for messages).</summary>
    public static string Sanitize(string? name, string? extension)
    {
        var baseName = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string(baseName.Where(c => !char.IsControl(c) && c is not ('/' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
            && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Surrogate)).ToArray()).Trim().TrimStart('.');
        extension ??= Path.GetExtension(clean);
        if (extension.Length > 10)
        {
            extension = "";
        }
        var stem = Path.GetFileNameWithoutExtension(clean);
        if (string.IsNullOrWhiteSpace(stem))
        {
            stem = "attachment";
        }
        if (stem.Length > 100)
        {
            stem = stem[..100];
        }
        // The extension shown is the one the content proved, not the one the name claimed.
        return stem + extension;
    }
}

namespace Petitions.Web.Services;

/// <summary>The original file name only as display text: no path, no control characters, a sane length.</summary>
public static class DisplayNames
{
    /// <summary>Sanitized name; with <paramref name="extension"/> null the name keeps its own extension (for messages).</summary>
    public static string Sanitize(string? name, string? extension)
    {
        // Percent-encoded separators ("..%2f..%2fetc%2fpasswd") are decoded first, so they are cut like real ones.
        var decoded = (name ?? "").Replace("%2f", "/", StringComparison.OrdinalIgnoreCase).Replace("%5c", "/", StringComparison.OrdinalIgnoreCase);
        var baseName = Path.GetFileName(decoded.Replace('\\', '/'));
        var clean = new string(baseName.Where(c => !char.IsControl(c) && c is not ('/' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
            && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Surrogate)).ToArray()).Trim().TrimStart('.');
        extension ??= Path.GetExtension(clean);
        if (extension.Length > 10)
        {
            extension = "";
        }
        var stem = Path.GetFileNameWithoutExtension(clean).Trim().TrimEnd('.');
        // Windows refuses these names (with any extension): "CON.txt" would not save on an officer's computer.
        if (string.IsNullOrWhiteSpace(stem) || IsReservedOnWindows(stem))
        {
            stem = string.IsNullOrWhiteSpace(stem) ? "attachment" : "attachment-" + stem;
        }
        if (stem.Length > 100)
        {
            stem = stem[..100];
        }
        // The extension shown is the one the content proved, not the one the name claimed.
        return stem + extension;
    }

    private static bool IsReservedOnWindows(string stem)
    {
        // Windows reads the part before the first dot (and before trailing spaces): "COM1.jpg.txt" is the device COM1.
        var upper = stem.Split('.')[0].TrimEnd().ToUpperInvariant();
        return upper is "CON" or "PRN" or "AUX" or "NUL" or "CONIN$" or "CONOUT$"
            || (upper.Length == 4 && (upper.StartsWith("COM", StringComparison.Ordinal) || upper.StartsWith("LPT", StringComparison.Ordinal))
                && upper[3] is >= '0' and <= '9' or '¹' or '²' or '³');
    }
}

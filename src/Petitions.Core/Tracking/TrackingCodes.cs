using System.Security.Cryptography;
using System.Text;

namespace Petitions.Core.Tracking;

/// <summary>
/// Tracking numbers and secret access keys in Crockford base32: no I, L, O or U, so a key read aloud
/// or copied by hand survives (O→0, I/L→1 are accepted when typed back). The access key carries
/// 100 random bits; it is shown once and kept only as a keyed hash (<see cref="AccessKeyHasher"/>).
/// </summary>
public static class TrackingCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int AccessKeyLength = 20;       // 20 × 5 bits = 100 bits
    public const int TrackingNumberLength = 10;  // 50 bits: not secret, but not guessable in bulk

    /// <summary>e.g. "7K3M9-QXD2R": two groups of five.</summary>
    public static string NewTrackingNumber() => Group(Random(TrackingNumberLength));

    /// <summary>e.g. "4F7QZ-K2M8B-X9D3T-PW6RA": four groups of five.</summary>
    public static string NewAccessKey() => Group(Random(AccessKeyLength));

    /// <summary>Upper-cases, maps look-alikes, strips spaces and hyphens, then re-groups; null when it cannot be a code of that length.</summary>
    public static string? Normalize(string? input, int length)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > length * 3)
        {
            return null;
        }
        string folded;
        try
        {
            // Full-width letters, digits, dashes and spaces (what a Chinese input method types) become their ASCII forms.
            folded = input.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Not valid Unicode (a lone surrogate, a noncharacter): not a number or key of ours.
            return null;
        }
        var sb = new StringBuilder(length);
        foreach (var raw in folded)
        {
            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\u30FC' || char.IsWhiteSpace(c))
            {
                continue;
            }
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
            sb.Append(c);
        }
        return sb.Length == length ? Group(sb.ToString()) : null;
    }

    public static string? NormalizeTrackingNumber(string? input) => Normalize(input, TrackingNumberLength);

    public static string? NormalizeAccessKey(string? input) => Normalize(input, AccessKeyLength);

    private static string Random(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(chars);
    }

    private static string Group(string s)
    {
        var sb = new StringBuilder(s.Length + (s.Length / 5));
        for (var i = 0; i < s.Length; i++)
        {
            if (i > 0 && i % 5 == 0)
            {
                sb.Append('-');
            }
            sb.Append(s[i]);
        }
        return sb.ToString();
    }
}

/// <summary>
/// HMAC-SHA256 of an access key under a server secret. A random 100-bit key needs no slow password
/// hash: nobody can search that space, and the secret keeps a stolen table useless on its own.
/// </summary>
public sealed class AccessKeyHasher
{
    private readonly byte[] _secret;

    public AccessKeyHasher(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The access-key secret must be at least 32 characters.", nameof(secret));
        }
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    public byte[] Hash(string normalizedKey) =>
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(normalizedKey));

    public bool Matches(string normalizedKey, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(normalizedKey), storedHash);
}

using System.Collections.Frozen;

namespace Petitions.Core.Matching;

/// <summary>How two written names compare, from the strongest agreement to none.</summary>
public enum NameAgreement
{
    /// <summary>The same characters once traditional forms are folded to simplified (劉德華 = 刘德华).</summary>
    Same,
    /// <summary>The same length, every character the same or sharing a reading (玮/伟: wei), at least one only by reading.</summary>
    SameSound,
    /// <summary>The same length, all characters but one agreeing (a clerk's slip in one character).</summary>
    AllButOne,
    Different,
}

/// <summary>
/// Chinese names as registers write them: folded from traditional to simplified and compared by reading, from the table
/// generated from opencc-js and pinyin-pro (<c>scripts/build-hanzi.mjs</c>, embedded as <c>hanzi.tsv</c>).
/// </summary>
public static class ChineseNames
{
    private static readonly (FrozenDictionary<char, char> Simplified, FrozenDictionary<char, string[]> Readings) Table = Load();

    /// <summary>
    /// Each character's readings as bits of a 64-bit mask (a reading's number modulo 64): two characters whose masks
    /// share no bit share no reading, which settles most pairs of unlike characters without comparing readings.
    /// </summary>
    private static readonly FrozenDictionary<char, ulong> Masks = BuildMasks();

    private static FrozenDictionary<char, ulong> BuildMasks()
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var masks = new Dictionary<char, ulong>();
        foreach (var (c, readings) in Table.Readings)
        {
            ulong mask = 0;
            foreach (var r in readings)
            {
                if (!numbers.TryGetValue(r, out var n))
                {
                    numbers[r] = n = numbers.Count;
                }
                mask |= 1UL << (n % 64);
            }
            masks[c] = mask;
        }
        return masks.ToFrozenDictionary();
    }

    /// <summary>The reading mask of each character of a folded name (0 for a character with no reading).</summary>
    public static ulong[] ReadingMasks(string folded)
    {
        var masks = new ulong[folded.Length];
        for (var i = 0; i < folded.Length; i++)
        {
            masks[i] = Masks.GetValueOrDefault(folded[i]);
        }
        return masks;
    }

    private static (FrozenDictionary<char, char>, FrozenDictionary<char, string[]>) Load()
    {
        using var stream = typeof(ChineseNames).Assembly.GetManifestResourceStream("Petitions.Core.Matching.hanzi.tsv")
            ?? throw new InvalidOperationException("The embedded hanzi table is missing.");
        using var reader = new StreamReader(stream);
        var simplified = new Dictionary<char, char>();
        var readings = new Dictionary<char, string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var parts = line.Split('\t');
            if (parts[1].Length == 1)
            {
                simplified[parts[0][0]] = parts[1][0];
            }
            if (parts[2].Length > 0)
            {
                readings[parts[0][0]] = parts[2].Split(',');
            }
        }
        return (simplified.ToFrozenDictionary(), readings.ToFrozenDictionary());
    }

    /// <summary>The name with spaces and the middle dot removed and traditional characters folded to simplified.</summary>
    public static string Fold(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }
        var folded = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || c is '·' or '•' or '.')
            {
                continue;
            }
            folded.Append(Table.Simplified.TryGetValue(c, out var s) ? s : c);
        }
        return folded.ToString();
    }

    /// <summary>The readings of a character (after folding), without tones; empty for a character with none.</summary>
    public static IReadOnlyList<string> Readings(char c) =>
        Table.Readings.TryGetValue(Table.Simplified.TryGetValue(c, out var s) ? s : c, out var r) ? r : [];

    /// <summary>The name's first reading per character, joined: a blocking key under which homophones meet.</summary>
    public static string SoundKey(string? name) => SoundKeyOfFolded(Fold(name));

    /// <summary><see cref="SoundKey"/> of a name already folded.</summary>
    public static string SoundKeyOfFolded(string folded)
    {
        var key = new System.Text.StringBuilder();
        foreach (var c in folded)
        {
            if (key.Length > 0)
            {
                key.Append(' ');
            }
            if (Readings(c) is [var first, ..])
            {
                key.Append(first);
            }
            else
            {
                key.Append(c);
            }
        }
        return key.ToString();
    }

    /// <summary>
    /// How two folded names agree (<see cref="Compare"/>'s agreement, without listing the characters), given each
    /// name's <see cref="ReadingMasks"/>.
    /// </summary>
    public static NameAgreement Agreement(string x, ulong[] xMasks, string y, ulong[] yMasks)
    {
        if (x.Length == 0 || y.Length == 0 || x.Length != y.Length)
        {
            return NameAgreement.Different;
        }
        var (differ, unlike) = (0, 0);
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i])
            {
                differ++;
                if (((xMasks[i] & yMasks[i]) == 0 || !ShareReading(x[i], y[i])) && ++unlike > 1)
                {
                    return NameAgreement.Different;
                }
            }
        }
        return Agreement(x.Length, differ, unlike);
    }

    private static NameAgreement Agreement(int length, int differ, int unlike) => (differ, unlike) switch
    {
        (0, _) => NameAgreement.Same,
        (_, 0) => NameAgreement.SameSound,
        (_, 1) when length >= 2 && differ < length => NameAgreement.AllButOne,
        _ => NameAgreement.Different,
    };

    private static bool ShareReading(char a, char b) => SharedReading(a, b) is not null;

    private static string? SharedReading(char a, char b)
    {
        var (x, y) = (Readings(a), Readings(b));
        foreach (var r in x)
        {
            foreach (var q in y)
            {
                if (string.Equals(r, q, StringComparison.Ordinal))
                {
                    return r;
                }
            }
        }
        return null;
    }

    /// <summary>How two names agree, with the characters that differ (and the reading they share, if any).</summary>
    public static NameComparison Compare(string? a, string? b)
    {
        var (x, y) = (Fold(a), Fold(b));
        if (x.Length == 0 || y.Length == 0 || x.Length != y.Length)
        {
            return new(NameAgreement.Different, [], false);
        }
        var pairs = new List<CharPair>();
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i])
            {
                pairs.Add(new(x[i], y[i], SharedReading(x[i], y[i])));
            }
        }
        var folded = !string.Equals(a, x, StringComparison.Ordinal) || !string.Equals(b, y, StringComparison.Ordinal);
        return new(Agreement(x.Length, pairs.Count, pairs.Count(p => p.Reading is null)), pairs, folded);
    }
}

/// <summary>Two characters at the same place of two names, and the reading they share (null: none).</summary>
public readonly record struct CharPair(char A, char B, string? Reading);

/// <summary>How two names compare: the agreement, the characters that differ, and whether traditional forms were folded.</summary>
public sealed record NameComparison(NameAgreement Agreement, IReadOnlyList<CharPair> Pairs, bool Folded);

namespace Petitions.Core.Matching;

/// <summary>How one field of two records compares.</summary>
public enum FieldAgreement
{
    Equal,
    /// <summary>Close: a birth date a few days off or with day and month swapped; an identity number one digit off.</summary>
    Near,
    Different,
    /// <summary>One of the records does not say: the field weighs nothing.</summary>
    Missing,
}

/// <summary>What linking decides for a record: a link, a pair for an analyst to confirm, or nothing.</summary>
public enum LinkBand
{
    Link,
    Review,
    None,
}

/// <summary>A person or record as linking sees it: a key, the name as written, birth date, sex (M/F), county, identity digits.</summary>
public sealed record LinkRecord(string Key, string? Name, DateOnly? BirthDate, char? Sex, string? Region, string? IdDigits)
{
    /// <summary>The name folded once (<see cref="ChineseNames.Fold"/>): a roll's person is compared with many rows.</summary>
    public string Folded { get; } = ChineseNames.Fold(Name);

    /// <summary>The folded name's reading masks (<see cref="ChineseNames.ReadingMasks"/>).</summary>
    public ulong[] Masks => _masks ??= ChineseNames.ReadingMasks(Folded);
    private ulong[]? _masks;

    /// <summary>Two records are equal when what they say is: the forms worked out from the name (kept once asked for) follow from it.</summary>
    public bool Equals(LinkRecord? other) => other is not null && Key == other.Key && Name == other.Name && BirthDate == other.BirthDate
        && Sex == other.Sex && Region == other.Region && IdDigits == other.IdDigits;

    public override int GetHashCode() => HashCode.Combine(Key, Name, BirthDate, Sex, Region, IdDigits);

    /// <summary>The name's sound (<see cref="ChineseNames.SoundKey"/>), the blocking key, worked out once.</summary>
    public string Sound => _sound ??= ChineseNames.SoundKeyOfFolded(Folded);
    private string? _sound;
}

/// <summary>Why two records were linked (or not): each field's agreement and the total weight (log2 of the likelihood ratio).</summary>
public sealed record LinkEvidence(NameComparison Name, FieldAgreement Birth, FieldAgreement Sex, FieldAgreement Region, FieldAgreement Id, double Weight);

/// <summary>
/// Links a record that carries no valid identity number (a death register's row) to a person on the roll, the way the
/// New Zealand death feed and the record-linkage literature do it: compare name (folded and by reading), birth date, sex,
/// county and whatever digits of an identity number there are; weigh each agreement (<see cref="LinkageWeights"/>); link
/// above the upper threshold when the best candidate clearly leads, send the middle band to an analyst, drop the rest.
/// </summary>
public static class RecordLinkage
{
    /// <summary>
    /// Compares two records field by field. <paramref name="id"/>, when given, says how the identity numbers agree without
    /// either in clear (the roll's are sealed: one digit off is found by hashing the record's variants, <see cref="OneOffVariants"/>).
    /// </summary>
    public static LinkEvidence Compare(LinkRecord record, LinkRecord person, LinkageWeights weights, FieldAgreement? id = null)
    {
        var name = ChineseNames.Compare(record.Name, person.Name);
        var (birth, sex, region, ids) = Fields(record, person, id);
        var evidence = new LinkEvidence(name, birth, sex, region, ids, 0);
        return evidence with { Weight = Math.Round(weights.Of(evidence), 2) };
    }

    private static (FieldAgreement Birth, FieldAgreement Sex, FieldAgreement Region, FieldAgreement Id) Fields(LinkRecord record, LinkRecord person, FieldAgreement? id)
    {
        var birth = record.BirthDate is not { } b || person.BirthDate is not { } p ? FieldAgreement.Missing
            : b == p ? FieldAgreement.Equal
            : Math.Abs(b.DayNumber - p.DayNumber) <= 7 || (b.Year == p.Year && b.Month == p.Day && b.Day == p.Month) ? FieldAgreement.Near
            : FieldAgreement.Different;
        var sex = record.Sex is null || person.Sex is null ? FieldAgreement.Missing : record.Sex == person.Sex ? FieldAgreement.Equal : FieldAgreement.Different;
        var region = record.Region is null || person.Region is null ? FieldAgreement.Missing : record.Region == person.Region ? FieldAgreement.Equal : FieldAgreement.Different;
        id ??= record.IdDigits is not { Length: 18 } x || person.IdDigits is not { Length: 18 } y ? FieldAgreement.Missing
            : OneOff(x, y) ? FieldAgreement.Near : FieldAgreement.Different;
        return (birth, sex, region, id.Value);
    }

    /// <summary>
    /// The best of the candidates and the band it falls in. Each candidate is weighed from the fields' agreements alone
    /// (no evidence built: a row of a province's death register meets a thousand people born within a week of it); the
    /// evidence is written out for the best only. The two highest weights decide, the first of equals ranking first.
    /// </summary>
    public static (LinkBand Band, LinkRecord? Person, LinkEvidence? Evidence) Best(LinkRecord record, IEnumerable<LinkRecord> candidates, LinkageWeights weights,
        Func<LinkRecord, FieldAgreement>? id = null)
    {
        // The same person may come from two blocks (the name's sound and the birth week): weighed once.
        var seen = new HashSet<LinkRecord>(ReferenceEqualityComparer.Instance);
        var table = weights.Table();
        (LinkRecord? Person, double Weight) best = (null, double.NegativeInfinity), second = (null, double.NegativeInfinity);
        foreach (var c in candidates)
        {
            if (!seen.Add(c))
            {
                continue;
            }
            var (birth, sex, region, ids) = Fields(record, c, id?.Invoke(c));
            var weight = Math.Round(table[LinkageWeights.Index(ChineseNames.Agreement(record.Folded, record.Masks, c.Folded, c.Masks), birth, sex, region, ids)], 2);
            if (weight > best.Weight)
            {
                (second, best) = (best, (c, weight));
            }
            else if (weight > second.Weight)
            {
                second = (c, weight);
            }
        }
        if (best.Person is null || best.Weight < weights.Lower)
        {
            return (LinkBand.None, null, null);
        }
        var evidence = Compare(record, best.Person, weights, id?.Invoke(best.Person));
        var clearLead = second.Person is null || evidence.Weight - second.Weight >= LinkageWeights.Lead;
        return (evidence.Weight >= weights.Upper && clearLead ? LinkBand.Link : LinkBand.Review, best.Person, evidence);
    }

    /// <summary>Every number one character off <paramref name="id"/> (a digit, or X at the end) or with two neighbours swapped.</summary>
    public static IEnumerable<string> OneOffVariants(string id)
    {
        var chars = id.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var original = chars[i];
            foreach (var c in i == chars.Length - 1 ? "0123456789X" : "0123456789")
            {
                if (c != original)
                {
                    chars[i] = c;
                    yield return new string(chars);
                }
            }
            chars[i] = original;
            if (i + 1 < chars.Length && chars[i + 1] != original)
            {
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                yield return new string(chars);
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
            }
        }
    }

    /// <summary>Eighteen characters that differ in exactly one place, or by two neighbours swapped.</summary>
    public static bool OneOff(string x, string y)
    {
        var diffs = new List<int>(3);
        for (var i = 0; i < 18 && diffs.Count < 3; i++)
        {
            if (x[i] != y[i])
            {
                diffs.Add(i);
            }
        }
        return diffs.Count == 1 || (diffs.Count == 2 && diffs[1] == diffs[0] + 1 && x[diffs[0]] == y[diffs[1]] && x[diffs[1]] == y[diffs[0]]);
    }
}

/// <summary>
/// The roll indexed for blocking: a record is compared only with the people who share its name's sound, or whose birth
/// date is within a week of its own (or of the one its identity digits give), never with the whole roll.
/// </summary>
public sealed class LinkIndex
{
    private readonly Dictionary<string, List<LinkRecord>> _bySound = new(StringComparer.Ordinal);
    private readonly Dictionary<DateOnly, List<LinkRecord>> _byBirth = [];

    public LinkIndex(IEnumerable<LinkRecord> roll)
    {
        foreach (var person in roll)
        {
            if (person.Sound is { Length: > 0 } sound)
            {
                Add(_bySound, sound, person);
            }
            if (person.BirthDate is { } born)
            {
                Add(_byBirth, born, person);
            }
        }
    }

    private static void Add<TKey>(Dictionary<TKey, List<LinkRecord>> index, TKey key, LinkRecord person) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        list.Add(person);
    }

    public IEnumerable<LinkRecord> Candidates(LinkRecord record)
    {
        if (_bySound.TryGetValue(record.Sound, out var same))
        {
            foreach (var p in same)
            {
                yield return p;
            }
        }
        var born = record.BirthDate ?? BirthOf(record.IdDigits);
        if (born is { } day)
        {
            for (var d = -7; d <= 7; d++)
            {
                if (_byBirth.TryGetValue(day.AddDays(d), out var near))
                {
                    foreach (var p in near)
                    {
                        yield return p;
                    }
                }
            }
        }
    }

    /// <summary>The birth date digits 7–14 of an identity number give, when they are a date.</summary>
    public static DateOnly? BirthOf(string? id) =>
        id is { Length: 18 } && DateOnly.TryParseExact(id[6..14], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var born) ? born : null;
}

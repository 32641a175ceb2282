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
/// The m-probabilities: how likely each agreement is among two records of the same person. They start from priors (the
/// registers' known error rates) and are refined by the pairs people confirmed to be the same person
/// (<see cref="Refine"/>).
/// </summary>
public sealed record MProbabilities(double NameSame = 0.88, double NameSound = 0.06, double NameAllButOne = 0.04, double BirthEqual = 0.92, double BirthNear = 0.05)
{
    public static readonly MProbabilities Priors = new();

    /// <summary>How many confirmed pairs the priors weigh as (a few confirmations nudge them; hundreds decide).</summary>
    public const int PriorWeight = 50;

    /// <summary>
    /// The priors moved toward what the confirmed pairs show: each m becomes (prior × 50 + agreeing pairs) / (50 + pairs),
    /// for the name and the birth date, counting only the pairs where the field could be compared.
    /// </summary>
    public static MProbabilities Refine(IReadOnlyCollection<LinkEvidence> confirmed)
    {
        var p = Priors;
        var names = confirmed.Where(e => e.Name.Agreement != NameAgreement.Different || e.Name.Pairs.Count > 0).Select(e => e.Name.Agreement).ToList();
        var births = confirmed.Where(e => e.Birth != FieldAgreement.Missing).Select(e => e.Birth).ToList();
        static double Moved(double prior, int agreeing, int all) => (prior * PriorWeight + agreeing) / (PriorWeight + all);
        return new(
            Moved(p.NameSame, names.Count(a => a == NameAgreement.Same), names.Count),
            Moved(p.NameSound, names.Count(a => a == NameAgreement.SameSound), names.Count),
            Moved(p.NameAllButOne, names.Count(a => a == NameAgreement.AllButOne), names.Count),
            Moved(p.BirthEqual, births.Count(b => b == FieldAgreement.Equal), births.Count),
            Moved(p.BirthNear, births.Count(b => b == FieldAgreement.Near), births.Count));
    }
}

/// <summary>
/// The probabilities of the Fellegi–Sunter model: for each field's agreement, how likely it is among records of the same
/// person (m, <see cref="MProbabilities"/>: priors refined by confirmed pairs) and among records of different people (u).
/// The u of equality is estimated from the roll itself (the chance two of its people agree by accident: the sum of
/// squared value shares).
/// </summary>
public sealed record LinkageWeights(double NameSameU, double NameSoundU, double BirthEqualU, double RegionEqualU, int RollSize = 0)
{
    public const double NameAllButOneU = 0.001;
    public const double SexEqualM = 0.99, RegionEqualM = 0.95, IdNearM = 0.9, IdNearU = 0.000_001;

    /// <summary>The m-probabilities in use (the priors unless refined).</summary>
    public MProbabilities M { get; init; } = MProbabilities.Priors;

    /// <summary>A link at this weight or above (and clearly ahead of any other candidate), on a roll of a county's size.</summary>
    public const double CountyUpper = 20;
    /// <summary>How far below the link threshold the analyst's band reaches.</summary>
    public const double Band = 8;

    /// <summary>
    /// The link threshold for this roll. A weight is a likelihood ratio; what makes it enough is the prior chance that a
    /// row is this one pensioner, about one in (people on the roll). A link wants odds of at least 32 to 1 after that:
    /// log2(people) + 5, never below the county's 20 (where name and birth date agree). On a roll of 20,000 that is 20;
    /// on a million, 24.9: name and birth date still link, a name with a birth date a few days off links only if the
    /// county agrees too (at a million, a namesake born within a week of some pensioner is common).
    /// </summary>
    public double Upper => Math.Max(CountyUpper, Math.Log2(Math.Max(RollSize, 1)) + 5);
    /// <summary>Between this and <see cref="Upper"/>, an analyst confirms: a name alone, or a name one character off with the birth date.</summary>
    public double Lower => Upper - Band;
    /// <summary>How far the best candidate must lead the second to be linked, not reviewed (namesakes).</summary>
    public const double Lead = 5;

    /// <summary>
    /// What a county's population gives when the roll is too small to say (under <see cref="EnoughToEstimate"/> people):
    /// two people share a (common) name about one time in ten thousand, a birth date one in eleven thousand (thirty
    /// years of births); a county says little (a roll is usually one county or city).
    /// </summary>
    public static readonly LinkageWeights Population = new(1e-4, 1e-4, 9e-5, 0.5);
    public const int EnoughToEstimate = 1000;

    public static LinkageWeights Estimate(IReadOnlyCollection<LinkRecord> roll)
    {
        if (roll.Count < EnoughToEstimate)
        {
            return Population;
        }
        static double Collision<T>(IEnumerable<T> values) where T : notnull
        {
            var counts = new Dictionary<T, int>();
            var total = 0;
            foreach (var v in values)
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
                total++;
            }
            return total == 0 ? 1 : Math.Max(counts.Values.Sum(c => (double)c / total * ((double)c / total)), 1e-9);
        }
        var same = Collision(roll.Select(r => r.Folded).Where(n => n.Length > 0));
        var sound = Math.Max(Collision(roll.Select(r => r.Sound).Where(n => n.Length > 0)) - same, same);
        return new(same, sound, Collision(roll.Where(r => r.BirthDate is not null).Select(r => r.BirthDate!.Value)),
            Collision(roll.Where(r => r.Region is not null).Select(r => r.Region!)), roll.Count);
    }

    public double Of(LinkEvidence e) => Of(e.Name.Agreement, e.Birth, e.Sex, e.Region, e.Id);

    public double Of(NameAgreement name, FieldAgreement birth, FieldAgreement sex, FieldAgreement region, FieldAgreement id) =>
        Table()[Index(name, birth, sex, region, id)];

    /// <summary>
    /// Every combination of agreements weighed once (4^5 of them): linking a province weighs tens of millions of pairs.
    /// Kept beside the weights, not in them, so that equal weights stay equal and a copy made with <c>with</c> gets its own.
    /// </summary>
    internal double[] Table() => Tables.GetValue(this, w => [.. Enumerable.Range(0, 1024).Select(i => w.Weigh((NameAgreement)(i >> 8),
        (FieldAgreement)(i >> 6 & 3), (FieldAgreement)(i >> 4 & 3), (FieldAgreement)(i >> 2 & 3), (FieldAgreement)(i & 3)))]);

    internal static int Index(NameAgreement name, FieldAgreement birth, FieldAgreement sex, FieldAgreement region, FieldAgreement id) =>
        (int)name << 8 | (int)birth << 6 | (int)sex << 4 | (int)region << 2 | (int)id;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LinkageWeights, double[]> Tables = new();

    private double Weigh(NameAgreement name, FieldAgreement birth, FieldAgreement sex, FieldAgreement region, FieldAgreement id) =>
        NameWeight(name) + Field(birth, M.BirthEqual, BirthEqualU, M.BirthNear, BirthEqualU * 20)
        + Field(sex, SexEqualM, 0.5, 0, 0) + Field(region, RegionEqualM, RegionEqualU, 0, 0) + Field(id, 0, 0, IdNearM, IdNearU);

    private double NameWeight(NameAgreement a) => a switch
    {
        NameAgreement.Same => Math.Log2(M.NameSame / NameSameU),
        NameAgreement.SameSound => Math.Log2(M.NameSound / NameSoundU),
        NameAgreement.AllButOne => Math.Log2(M.NameAllButOne / NameAllButOneU),
        _ => Math.Log2(Math.Max(1 - M.NameSame - M.NameSound - M.NameAllButOne, 0.005) / Math.Max(1 - NameSameU - NameSoundU - NameAllButOneU, 1e-9)),
    };

    private static double Field(FieldAgreement a, double mEqual, double uEqual, double mNear, double uNear) => a switch
    {
        FieldAgreement.Equal when mEqual > 0 => Math.Log2(mEqual / uEqual),
        FieldAgreement.Near when mNear > 0 => Math.Log2(mNear / Math.Min(uNear, 0.5)),
        FieldAgreement.Missing => 0,
        _ => Math.Log2(Math.Max(1 - mEqual - mNear, 0.01) / Math.Max(1 - uEqual - uNear, 0.01)),
    };
}

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

namespace Petitions.Core.Matching;

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

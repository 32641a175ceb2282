namespace Petitions.Core.Policy;

/// <summary>
/// The legal regimes in force, as loaded from the regimes table (at start-up, and again whenever an administrator
/// changes one). Until then, and for an unknown code, the built-in Letters-and-Visits regime applies.
/// </summary>
public sealed class RegimeRegistry
{
    // Replaced whole (never changed in place), so readers on other threads see one table or the other.
    private volatile Dictionary<string, LegalRegime> regimes = [];
    private LegalRegime? lettersAndVisits;

    /// <summary>Replaces the regimes.</summary>
    public void Use(IEnumerable<LegalRegime> loaded) => regimes = loaded.ToDictionary(r => r.Code);

    /// <summary>Every regime in force, in the order of their codes (for pages that explain the limits).</summary>
    public IReadOnlyList<LegalRegime> All =>
        regimes.Count > 0 ? [.. regimes.Values.OrderBy(r => r.Code, StringComparer.Ordinal)] : [this[null]];

    /// <summary>The regime of that code; the Letters-and-Visits one for none or an unknown code.</summary>
    public LegalRegime this[string? code] =>
        code is not null && regimes.TryGetValue(code, out var found) ? found
        : regimes.TryGetValue(LegalRegime.LettersAndVisits, out var lv) ? lv
        : code == LegalRegime.SocialInsuranceFunds ? LegalRegime.SocialInsuranceFundsDefaults()
        : lettersAndVisits ??= LegalRegime.LettersAndVisitsDefaults();
}

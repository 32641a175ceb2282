namespace Petitions.Core.Triage;

/// <summary>A staff member as conflict-of-interest checking sees them.</summary>
public sealed record StaffIdentity(Guid UserId, string? Name, string? Unit);

/// <summary>A person or unit named in a report.</summary>
public sealed record NamedParty(string? Name, string? Unit);

public sealed record Exclusion(Guid UserId, string Reason);

/// <summary>
/// Staff whose recorded name appears among the people named, or whose unit is named (or contains / is
/// contained in a named unit: "衡南县人社局" and "衡南县人社局农保中心"), are excluded from the report.
/// </summary>
public static class ConflictChecker
{
    /// <summary>Shorter names or units than this are too ambiguous to match inside longer text.</summary>
    private const int MinUnitLength = 4;

    public static IReadOnlyList<Exclusion> Find(IEnumerable<StaffIdentity> staff, IReadOnlyCollection<NamedParty> named)
    {
        var result = new List<Exclusion>();
        foreach (var s in staff)
        {
            var name = Normalize(s.Name);
            var unit = Normalize(s.Unit);
            string? reason = null;
            foreach (var party in named)
            {
                var partyName = Normalize(party.Name);
                var partyUnit = Normalize(party.Unit);
                if (name.Length > 0 && partyName.Length > 0 && name == partyName)
                {
                    reason = $"name: {party.Name}";
                    break;
                }
                if (unit.Length >= MinUnitLength && partyUnit.Length >= MinUnitLength
                    && (partyUnit.Contains(unit, StringComparison.Ordinal) || unit.Contains(partyUnit, StringComparison.Ordinal)))
                {
                    reason = $"unit: {party.Unit}";
                    break;
                }
            }
            if (reason is not null)
            {
                result.Add(new Exclusion(s.UserId, reason));
            }
        }
        return result;
    }

    /// <summary>Case, spaces and full-width forms do not matter.</summary>
    public static string Normalize(string? text) =>
        string.Concat((text ?? "").Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c != '·' && c != '•'))
            .ToUpperInvariant();
}

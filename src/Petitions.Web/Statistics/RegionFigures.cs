namespace Petitions.Web.Statistics;

/// <summary>
/// The aggregate figures for one region and period. For /Oversight every value is set; in the public
/// snapshot a null count or sum is one that small-cell suppression withheld.
/// </summary>
public sealed class RegionFigures
{
    public required string RegionCode { get; init; }
    public long? Total { get; set; }
    /// <summary>Breakdowns: dimension ("kind", "status", "source", "finding", "referral", "accept", "conclude", "state",
    /// and "month" or "year") → value → count.</summary>
    public Dictionary<string, Dictionary<string, long?>> Dims { get; init; } = [];
    /// <summary>The regions one level down, in code order, with their totals.</summary>
    public List<ChildFigure> Children { get; init; } = [];
    /// <summary>Reports filed for the region itself rather than a place inside it (null when withheld).</summary>
    public long? Self { get; set; }
    public decimal? MoneyStopped { get; set; }
    public decimal? MoneyRecovered { get; set; }
    public long? PeopleSanctioned { get; set; }
    public long? PeopleReferred { get; set; }
    public int? AcceptMedianDays { get; set; }
    public int? AcceptP90Days { get; set; }
    public int? ConcludeMedianDays { get; set; }
    public int? ConcludeP90Days { get; set; }
    public int? ReviewMedianDays { get; set; }
    public int? ReviewP90Days { get; set; }

    /// <summary>
    /// Cells withheld only to protect others (dimension or measure → value → range): what a reader can work out for
    /// them from everything published. A withheld cell without a range is a small count ("&lt;5").
    /// </summary>
    public Dictionary<string, Dictionary<string, CellRange>> Ranges { get; init; } = [];
    /// <summary>The range of <see cref="Self"/> when it is withheld to protect another cell.</summary>
    public CellRange? SelfRange { get; set; }

    public long? Cell(string dim, string value) =>
        Dims.TryGetValue(dim, out var values) ? values.GetValueOrDefault(value, 0) : 0;

    public CellRange? Range(string dim, string value) =>
        Ranges.TryGetValue(dim, out var values) && values.TryGetValue(value, out var range) ? range : null;
}

/// <summary>The range a withheld cell is known to lie in (both ends included).</summary>
public sealed record CellRange(long Lo, long Hi);

/// <summary>A region one level down: its total (null when withheld), whether its own page may be opened, and the range of a withheld total that protects another.</summary>
public sealed record ChildFigure(string Code, long? Total, bool Open, CellRange? Range = null);

/// <summary>The values each breakdown can take, so every value shows (a zero too) and the parts add up to the total.</summary>
public static class StatsDims
{
    public const string Kind = "kind";
    public const string Status = "status";
    public const string Source = "source";
    public const string Finding = "finding";
    public const string Referral = "referral";
    public const string Accept = "accept";
    public const string Conclude = "conclude";
    public const string State = "state";
    public const string Month = "month";
    public const string Year = "year";

    public static readonly string[] Sources = ["anonymous", "real-name"];

    /// <summary>
    /// Where reports came from: citizens, clues staff registered from inspection tours, audits and discipline cases, or
    /// the monthly matching of registers. A public partition, under the small-cell rule like the others.
    /// </summary>
    public const string Origin = "origin";
    public static readonly string[] Origins = ["citizen", "inspection-tour", "audit", "discipline-case", "data-matching"];

    /// <summary>How reports came in (online, or registered at the desk): a public partition, under the small-cell rule.</summary>
    public const string Channel = "channel";
    public static readonly string[] Channels = ["online", "letter", "phone", "visit", "email", "other-agency"];

    /// <summary>Where reports were transferred (another agency, or a jurisdiction in the portal; "none" for the rest): a public partition.</summary>
    public const string Transfer = "transfer";
    public static readonly string[] Transfers = ["medical-insurance", "public-security", "discipline-commission", "other-province", "other-agency", "jurisdiction", "none"];
    /// <summary>
    /// Where each report's reward stands ("none" for a report without one, which is most): a public partition, under the
    /// small-cell rule; "lapsed" is a grant not claimed by its last day as of the refresh.
    /// </summary>
    public const string Reward = "reward";
    public static readonly string[] Rewards = ["awaiting", "granted", "claimed", "paid", "lapsed", "refused", "none"];
    public static readonly string[] Findings = [.. Enum.GetNames<Core.Reports.Finding>(), "none"];
    public static readonly string[] Referrals = [.. Enum.GetNames<Core.Reports.Referral>(), "none"];
    public static readonly string[] Timeliness = ["on-time", "late", "pending", "n/a"];
    public static readonly string[] States = ["in-time", "overdue", "finished"];
    public static readonly string[] Statuses = Enum.GetNames<Core.Reports.ReportStatus>();

    /// <summary>Every partition dimension with its values (kinds come from the database).</summary>
    public static IReadOnlyList<(string Dim, IReadOnlyList<string> Values)> Partitions(IReadOnlyList<string> kinds) =>
    [
        (Kind, kinds), (Status, Statuses), (Source, Sources), (Finding, Findings), (Referral, Referrals),
        (Accept, Timeliness), (Conclude, Timeliness), (State, States), (Channel, Channels), (Transfer, Transfers), (Origin, Origins),
        (Reward, Rewards),
    ];
}

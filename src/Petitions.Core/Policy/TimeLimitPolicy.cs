using System.ComponentModel.DataAnnotations;

namespace Petitions.Core.Policy;

/// <summary>
/// Legal time limits. Every due date in the portal is computed here, from the <see cref="LegalRegime"/> a report is
/// handled under (its step limits in calendar or working days) and the official <see cref="WorkingCalendar"/>. A limit of
/// N days ends at midnight, local time, after the N-th calendar (or working) day following the start day. The limits
/// themselves live in one place, the regimes table (an administrator edits them on /Admin/Regimes); until it is
/// loaded at start-up, the built-in regimes' limits apply.
/// </summary>
public sealed class TimeLimitPolicy
{
    public const string Section = "TimeLimits";

    [Range(0, 60)] public int DueSoonDays { get; set; } = 3;
    [Required] public string TimeZoneId { get; set; } = "Asia/Shanghai";

    /// <summary>The one time zone of the portal: deadlines, display, date filters, statistics and seeding use it.</summary>
    public TimeZoneInfo TimeZone => zone is { } z && z.Id == TimeZoneId ? z : zone = Find(TimeZoneId);

    // An unknown id is refused at start-up by the site's settings validation, which names TimeLimits:TimeZoneId; the
    // validator reads every property first, so this getter must not throw before it can say so.
    private static TimeZoneInfo Find(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;

    private TimeZoneInfo? zone;

    // Replaced whole (never changed in place), so readers on other threads see one table or the other.
    private volatile Dictionary<string, LegalRegime> regimes = [];
    private LegalRegime? lettersAndVisits;

    /// <summary>The official working days (set at start-up; the built-in years until then).</summary>
    public WorkingCalendar Calendar { get; set; } = WorkingCalendar.BuiltIn;

    /// <summary>Replaces the regimes (at start-up, and when an administrator changes one).</summary>
    public void UseRegimes(IEnumerable<LegalRegime> loaded) => regimes = loaded.ToDictionary(r => r.Code);

    /// <summary>Every regime in force, in the order of their codes (for pages that explain the limits).</summary>
    public IReadOnlyList<LegalRegime> AllRegimes =>
        regimes.Count > 0 ? [.. regimes.Values.OrderBy(r => r.Code, StringComparer.Ordinal)] : [Regime(null)];

    /// <summary>The regime of that code; the Letters-and-Visits one for none or an unknown code.</summary>
    public LegalRegime Regime(string? code) =>
        code is not null && regimes.TryGetValue(code, out var found) ? found
        : regimes.TryGetValue(LegalRegime.LettersAndVisits, out var lv) ? lv
        : code == LegalRegime.SocialInsuranceFunds ? LegalRegime.SocialInsuranceFundsDefaults()
        : lettersAndVisits ??= LegalRegime.LettersAndVisitsDefaults();

    /// <summary>The calendar day an instant falls on, in the portal's time zone.</summary>
    public DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(ToLocal(at).DateTime);

    /// <summary>An instant as a local time with the zone's offset, for display.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZone);

    /// <summary>Local midnight at the start of <paramref name="day"/>, in UTC (what timestamptz filters take).</summary>
    public DateTimeOffset DayStartUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// The last day a deadline allows: due times are the midnight that ends that day, so a deadline due at
    /// 16 December 00:00 reads "by the end of 15 December".
    /// </summary>
    public DateOnly LastDay(DateTimeOffset due) => LocalDay(due.AddTicks(-1));

    public DateTimeOffset AcceptanceDue(DateTimeOffset submittedAt, string? regime = null) => Due(submittedAt, Regime(regime).Acceptance).Due;

    /// <summary>When the reporter must have been told whether the report was accepted (from receipt).</summary>
    public DateTimeOffset AcceptanceNoticeDue(DateTimeOffset submittedAt, string? regime = null) => Due(submittedAt, Regime(regime).AcceptanceNotice).Due;

    public DateTimeOffset ConclusionDue(DateTimeOffset acceptedAt, int extensionDays = 0, string? regime = null)
    {
        var rules = Regime(regime);
        if (extensionDays < 0 || extensionDays > rules.MaxExtension.Days)
        {
            throw new ArgumentOutOfRangeException(nameof(extensionDays));
        }
        return Due(acceptedAt, rules.Conclusion with { Days = rules.Conclusion.Days + extensionDays }).Due;
    }

    /// <summary>The longest extension the regime allows (counted like its conclusion limit).</summary>
    public int MaxExtensionFor(string? regime) => Regime(regime).MaxExtension.Days;

    public DateTimeOffset ReviewRequestDeadline(DateTimeOffset answeredAt, string? regime = null) => Due(answeredAt, Regime(regime).ReviewRequest).Due;

    public DateTimeOffset ReviewAnswerDue(DateTimeOffset requestedAt, string? regime = null) => Due(requestedAt, Regime(regime).ReviewAnswer).Due;

    /// <summary>
    /// Midnight (local) that ends the limit's last day after the day of <paramref name="start"/>, in UTC. Provisional when
    /// working days ran into a year without an official calendar (counted as calendar days: never later than the legal date).
    /// </summary>
    public (DateTimeOffset Due, bool Provisional) Due(DateTimeOffset start, TimeLimit limit)
    {
        if (limit.Count == DayCount.Calendar)
        {
            return (EndOfDayAfter(start, limit.Days), false);
        }
        var (last, provisional) = Calendar.AddWorkingDays(LocalDay(start), limit.Days);
        return (DayStartUtc(last.AddDays(1)), provisional);
    }

    /// <summary>True when a due time falls in a year without an official calendar and the regime counts working days.</summary>
    public bool IsProvisional(DateTimeOffset? due, string? regime) =>
        due is { } at && Regime(regime).UsesWorkingDays && !Calendar.Covers(LastDay(at).Year);

    public DueState StateOf(DateTimeOffset? due, DateTimeOffset now)
    {
        if (due is null)
        {
            return DueState.None;
        }
        if (now >= due)
        {
            return DueState.Overdue;
        }
        return now >= due.Value.AddDays(-DueSoonDays) ? DueState.DueSoon : DueState.OnTime;
    }

    /// <summary>Midnight (local) that ends the <paramref name="days"/>-th day after the day of <paramref name="start"/>, in UTC.</summary>
    public DateTimeOffset EndOfDayAfter(DateTimeOffset start, int days)
    {
        return DayStartUtc(LocalDay(start).AddDays(days + 1));
    }
}

public enum DueState
{
    None,
    OnTime,
    DueSoon,
    Overdue,
}

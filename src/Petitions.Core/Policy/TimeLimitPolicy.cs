using System.ComponentModel.DataAnnotations;

namespace Petitions.Core.Policy;

/// <summary>
/// Legal time limits: the calculator. Every due date in the portal is computed here, from the <see cref="LegalRegime"/> a
/// report is handled under (<see cref="Regimes"/>, loaded from the regimes table, the one place limits live), the
/// official <see cref="WorkingCalendar"/> and the portal's days (<see cref="Time"/>). A limit of N days ends at midnight,
/// local time, after the N-th calendar (or working) day following the start day. Its own settings ("TimeLimits") are the
/// time zone and when a deadline counts as due soon. The day and regime members below only forward to the parts, so
/// that a caller holding the policy need not hold three objects.
/// </summary>
public sealed class TimeLimitPolicy
{
    public const string Section = "TimeLimits";

    [Range(0, 60)] public int DueSoonDays { get; set; } = 3;
    [Required] public string TimeZoneId { get; set; } = "Asia/Shanghai";

    private PortalTime? time;

    /// <summary>The portal's time zone and its days.</summary>
    public PortalTime Time => time is { } t && t.TimeZoneId == TimeZoneId ? t : time = new PortalTime(TimeZoneId);

    /// <summary>The legal regimes in force.</summary>
    public RegimeRegistry Regimes { get; } = new();

    /// <summary>The official working days (set at start-up; the built-in years until then).</summary>
    public WorkingCalendar Calendar { get; set; } = WorkingCalendar.BuiltIn;

    public TimeZoneInfo TimeZone => Time.TimeZone;

    public void UseRegimes(IEnumerable<LegalRegime> loaded) => Regimes.Use(loaded);

    public IReadOnlyList<LegalRegime> AllRegimes => Regimes.All;

    public LegalRegime Regime(string? code) => Regimes[code];

    public DateOnly LocalDay(DateTimeOffset at) => Time.LocalDay(at);

    public DateTimeOffset ToLocal(DateTimeOffset at) => Time.ToLocal(at);

    public DateTimeOffset DayStartUtc(DateOnly day) => Time.DayStartUtc(day);

    public DateOnly LastDay(DateTimeOffset due) => Time.LastDay(due);

    public DateTimeOffset EndOfDayAfter(DateTimeOffset start, int days) => Time.EndOfDayAfter(start, days);

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
}

public enum DueState
{
    None,
    OnTime,
    DueSoon,
    Overdue,
}

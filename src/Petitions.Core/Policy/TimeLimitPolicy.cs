using System.ComponentModel.DataAnnotations;

namespace Petitions.Core.Policy;

/// <summary>
/// Legal time limits, configurable (defaults: 2022 Regulations on Letters and Visits). Every due date
/// in the portal is computed here. A limit of N days ends at midnight, local time, after the N-th
/// calendar day following the start day.
/// </summary>
public sealed class TimeLimitPolicy
{
    public const string Section = "TimeLimits";

    [Range(1, 365)] public int AcceptanceDays { get; set; } = 15;
    [Range(1, 365)] public int ConclusionDays { get; set; } = 60;
    [Range(0, 365)] public int MaxExtensionDays { get; set; } = 30;
    [Range(1, 365)] public int ReviewRequestDays { get; set; } = 30;
    [Range(1, 365)] public int ReviewAnswerDays { get; set; } = 30;
    [Range(0, 60)] public int DueSoonDays { get; set; } = 3;
    [Required] public string TimeZoneId { get; set; } = "Asia/Shanghai";

    /// <summary>The one time zone of the portal: deadlines, display, date filters, statistics and seeding use it.</summary>
    public TimeZoneInfo TimeZone => zone is { } z && z.Id == TimeZoneId ? z : zone = Find(TimeZoneId);

    // An unknown id is refused at start-up by the site's settings validation, which names TimeLimits:TimeZoneId; the
    // validator reads every property first, so this getter must not throw before it can say so.
    private static TimeZoneInfo Find(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;

    private TimeZoneInfo? zone;

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

    public DateTimeOffset AcceptanceDue(DateTimeOffset submittedAt) => EndOfDayAfter(submittedAt, AcceptanceDays);

    public DateTimeOffset ConclusionDue(DateTimeOffset acceptedAt, int extensionDays = 0)
    {
        if (extensionDays < 0 || extensionDays > MaxExtensionDays)
        {
            throw new ArgumentOutOfRangeException(nameof(extensionDays));
        }
        return EndOfDayAfter(acceptedAt, ConclusionDays + extensionDays);
    }

    public DateTimeOffset ReviewRequestDeadline(DateTimeOffset answeredAt) => EndOfDayAfter(answeredAt, ReviewRequestDays);

    public DateTimeOffset ReviewAnswerDue(DateTimeOffset requestedAt) => EndOfDayAfter(requestedAt, ReviewAnswerDays);

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

namespace Petitions.Core.Policy;

/// <summary>
/// The portal's one time zone and its days: deadlines, display, date filters, statistics and seeding all count days
/// here. A day runs from local midnight to local midnight; a deadline "by the end of day D" is the midnight that
/// starts D + 1.
/// </summary>
public sealed class PortalTime(string timeZoneId)
{
    public string TimeZoneId { get; } = timeZoneId;

    // An unknown id is refused at start-up by the site's settings validation, which names TimeLimits:TimeZoneId; the
    // validator reads every property first, so this must not throw before it can say so.
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;

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

    /// <summary>Midnight (local) that ends the <paramref name="days"/>-th day after the day of <paramref name="start"/>, in UTC.</summary>
    public DateTimeOffset EndOfDayAfter(DateTimeOffset start, int days) => DayStartUtc(LocalDay(start).AddDays(days + 1));
}

using System.Globalization;

namespace Petitions.Web.Services;

/// <summary>How dates are shown to people: in China Standard Time, in the page's culture.</summary>
public static class Display
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static string When(DateTimeOffset? at) =>
        at?.ToOffset(ChinaOffset).ToString("g", CultureInfo.CurrentCulture) ?? "";

    /// <summary>Midnight at the start of a calendar day in China, in UTC (what PostgreSQL's timestamptz accepts).</summary>
    public static DateTimeOffset DayStartUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime();

    /// <summary>The day if it lies within the years a filter can mean (2000–2100), else null.</summary>
    public static DateOnly? Plausible(DateOnly? day) => day is { Year: >= 2000 and <= 2100 } ? day : null;

    public static string Day(DateTimeOffset? at) =>
        at?.ToOffset(ChinaOffset).ToString("d", CultureInfo.CurrentCulture) ?? "";
}

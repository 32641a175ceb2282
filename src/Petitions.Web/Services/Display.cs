using System.Globalization;
using Petitions.Core.Policy;

namespace Petitions.Web.Services;

/// <summary>How dates are shown to people: in the portal's configured time zone, in the page's culture.</summary>
public sealed class Display(TimeLimitPolicy policy)
{
    public string When(DateTimeOffset? at) =>
        at is { } value ? policy.ToLocal(value).ToString("g", CultureInfo.CurrentCulture) : "";

    public string Day(DateTimeOffset? at) =>
        at is { } value ? policy.LocalDay(value).ToString("d", CultureInfo.CurrentCulture) : "";

    /// <summary>A deadline as the last day it allows ("15 December 2026"): a due time is the midnight that ends it.</summary>
    public string LastDay(DateTimeOffset? due) =>
        due is { } value ? policy.LastDay(value).ToString("D", CultureInfo.CurrentCulture) : "";

    /// <summary>The same last day, short ("2026/12/15"), for tables.</summary>
    public string LastDayShort(DateTimeOffset? due) =>
        due is { } value ? policy.LastDay(value).ToString("d", CultureInfo.CurrentCulture) : "";

    /// <summary>Local midnight at the start of a calendar day, in UTC (what PostgreSQL's timestamptz accepts).</summary>
    public DateTimeOffset DayStartUtc(DateOnly day) => policy.DayStartUtc(day);

    /// <summary>The day if it lies within the years a filter can mean (2000–2100), else null.</summary>
    public static DateOnly? Plausible(DateOnly? day) => day is { Year: >= 2000 and <= 2100 } ? day : null;
}

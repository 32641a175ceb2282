using System.Globalization;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Services;

/// <summary>How dates and places are shown to people: dates in the portal's configured time zone, both in the page's language.</summary>
public sealed class Display(TimeLimitPolicy policy, RegionCatalogue regions)
{
    private static bool Chinese => CultureInfo.CurrentUICulture.IsChinese();

    /// <summary>A region's name ("衡南县", or "Hengnan County (衡南县)" in English); the code itself if unknown.</summary>
    public string Region(string? code) => regions.NameOf(code, Chinese);

    /// <summary>A region's path from its province ("湖南省 / 衡阳市 / 衡南县").</summary>
    public string RegionPath(string? code) => regions.FullName(code, Chinese);

    /// <summary>The period a report is about, as the reporter gave it ("2016-03-01 – 2021-12-31"; an open end stays blank); null when none was given.</summary>
    public static string? Period(DateOnly? from, DateOnly? to) =>
        from is null && to is null ? null
        : $"{from?.ToString("d", System.Globalization.CultureInfo.CurrentCulture)} – {to?.ToString("d", System.Globalization.CultureInfo.CurrentCulture)}".Trim();

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

    /// <summary>The year of a deadline's last day (to name a year whose official calendar is missing).</summary>
    public int LastDayYear(DateTimeOffset due) => policy.LastDay(due).Year;

    /// <summary>Local midnight at the start of a calendar day, in UTC (what PostgreSQL's timestamptz accepts).</summary>
    public DateTimeOffset DayStartUtc(DateOnly day) => policy.DayStartUtc(day);

    /// <summary>The day if it lies within the years a filter can mean (2000–2100), else null.</summary>
    public static DateOnly? Plausible(DateOnly? day) => day is { Year: >= 2000 and <= 2100 } ? day : null;
}

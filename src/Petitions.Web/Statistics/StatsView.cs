using System.Globalization;
using Microsoft.Extensions.Localization;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Statistics;

public enum FigureFormat
{
    Count,
    Money,
    Percent,
    Days,
}

/// <summary>
/// One figure as shown: null with <see cref="Withheld"/> is a withheld count, read as its <see cref="Range"/> when it
/// has one that reaches 5 or more and as "&lt;5" otherwise; null without it is "not available".
/// </summary>
public sealed record Figure(string Key, string Label, decimal? Value, FigureFormat Format, bool Withheld = false, CellRange? Range = null);

public sealed record FigureSection(string Id, string Title, IReadOnlyList<Figure> Figures);

public sealed record BreakdownRow(string Key, string Label, long? Value, string? Href = null, CellRange? Range = null);

/// <summary>A breakdown drawn as a chart (<see cref="Chart"/>: "bar", "line" or "doughnut") with its table beside it.</summary>
/// <summary>One breakdown: its title, chart type, the heading of its first column ("Month", "Region", …) and its rows.</summary>
public sealed record Breakdown(string Id, string Title, string Chart, IReadOnlyList<BreakdownRow> Rows, string Column = "");

/// <summary>Everything a statistics page shows, in order; the exports write exactly this.</summary>
public sealed class StatsView
{
    public required string RegionCode { get; init; }
    public required string RegionName { get; init; }
    public required string Period { get; init; }
    public DateTimeOffset? AsOf { get; init; }
    public required IReadOnlyList<FigureSection> Sections { get; init; }
    public required IReadOnlyList<Breakdown> Breakdowns { get; init; }

    /// <summary>What "&lt;5" says: 0 to 4.</summary>
    public static readonly CellRange SmallCount = new(0, Core.Statistics.Suppression.DefaultThreshold - 1);

    /// <summary>The figure's text as the page shows it: a withheld count is "&lt;5" when all that is known is 0 to 4, else the range it is known to lie in.</summary>
    public static string Text(decimal? value, FigureFormat format, bool withheld, IStringLocalizer l, CellRange? range = null)
    {
        if (value is not { } v)
        {
            return !withheld || format != FigureFormat.Count ? "—"
                : range is { } r && r != SmallCount
                    ? string.Format(CultureInfo.CurrentCulture, "{0:N0}–{1:N0}", r.Lo, r.Hi)
                    : l["Stats.Withheld"];
        }
        return format switch
        {
            FigureFormat.Money => v.ToString("N0", CultureInfo.CurrentCulture),
            FigureFormat.Percent => v.ToString("0.0", CultureInfo.CurrentCulture) + "%",
            _ => v.ToString("N0", CultureInfo.CurrentCulture),
        };
    }

    /// <summary>The figure as a plain number for data attributes and exports (invariant culture).</summary>
    public static string Raw(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Turns figures (complete for oversight, suppressed for the public) into the page's sections and breakdowns.</summary>
public sealed class StatsViewBuilder(IStringLocalizer<SharedResource> l, RegionCatalogue regions)
{
    /// <param name="f">The region's figures.</param>
    /// <param name="kinds">The report kinds, for their names.</param>
    /// <param name="period">The period as shown.</param>
    /// <param name="asOf">When the figures were computed.</param>
    /// <param name="childHref">The link to a region one level down, or null.</param>
    /// <param name="from">First month of the period, if bounded: the month table starts there, zeros included.</param>
    /// <param name="to">Last month of the period, if bounded.</param>
    public StatsView Build(RegionFigures f, IReadOnlyList<ReportKind> kinds, string period, DateTimeOffset? asOf, Func<ChildFigure, string?> childHref,
        DateOnly? from = null, DateOnly? to = null)
    {
        var chinese = CultureInfo.CurrentUICulture.IsChinese();
        var region = regions.Find(f.RegionCode);
        // A sum with a withheld part is withheld too, and reads as the sum of what is known of its parts.
        (long? Value, CellRange? Range) Sum(string dim, params string[] values)
        {
            long total = 0, lo = 0, hi = 0;
            var withheld = false;
            foreach (var v in values)
            {
                if (f.Cell(dim, v) is { } n)
                {
                    (total, lo, hi) = (total + n, lo + n, hi + n);
                    continue;
                }
                withheld = true;
                var range = f.Range(dim, v) ?? StatsView.SmallCount;
                (lo, hi) = (lo + range.Lo, hi + range.Hi);
            }
            return withheld ? (null, hi < Core.Statistics.Suppression.DefaultThreshold ? null : new CellRange(lo, hi)) : (total, null);
        }
        Figure Count(string key, long? value, CellRange? range = null) => new(key, l["Stats." + key], value, FigureFormat.Count, value is null, range);
        Figure One(string key, string dim, string value) => Count(key, f.Cell(dim, value), f.Range(dim, value));
        static decimal? Percent(long? part, long? whole) =>
            part is { } p && whole is { } w && w > 0 ? Math.Round(100m * p / w, 1, MidpointRounding.AwayFromZero) : null;

        var concluded = Sum(StatsDims.Finding, nameof(Finding.Verified), nameof(Finding.PartiallyVerified), nameof(Finding.Unfounded), nameof(Finding.CannotBeVerified));
        var verified = Sum(StatsDims.Finding, nameof(Finding.Verified), nameof(Finding.PartiallyVerified));
        var backlog = Sum(StatsDims.State, "in-time", "overdue");
        var acceptOnTime = f.Cell(StatsDims.Accept, "on-time");
        var concludeOnTime = f.Cell(StatsDims.Conclude, "on-time");
        var sections = new List<FigureSection>
        {
            new("overview", l["Stats.Section.overview"],
            [
                Count("Total", f.Total),
                Count("Concluded", concluded.Value, concluded.Range),
                Count("Verified", verified.Value, verified.Range),
                new("VerificationRate", l["Stats.VerificationRate"], Percent(verified.Value, concluded.Value), FigureFormat.Percent),
                Count("Backlog", backlog.Value, backlog.Range),
                One("Overdue", StatsDims.State, "overdue"),
            ]),
            new("timeliness", l["Stats.Section.timeliness"],
            [
                new("AcceptedOnTime", l["Stats.AcceptedOnTime"], Percent(acceptOnTime, Sum(StatsDims.Accept, "on-time", "late").Value), FigureFormat.Percent),
                new("ConcludedOnTime", l["Stats.ConcludedOnTime"], Percent(concludeOnTime, Sum(StatsDims.Conclude, "on-time", "late").Value), FigureFormat.Percent),
                new("AcceptMedian", l["Stats.AcceptMedian"], f.AcceptMedianDays, FigureFormat.Days),
                new("AcceptP90", l["Stats.AcceptP90"], f.AcceptP90Days, FigureFormat.Days),
                new("ConcludeMedian", l["Stats.ConcludeMedian"], f.ConcludeMedianDays, FigureFormat.Days),
                new("ConcludeP90", l["Stats.ConcludeP90"], f.ConcludeP90Days, FigureFormat.Days),
                new("ReviewMedian", l["Stats.ReviewMedian"], f.ReviewMedianDays, FigureFormat.Days),
                new("ReviewP90", l["Stats.ReviewP90"], f.ReviewP90Days, FigureFormat.Days),
            ]),
            new("outcomes", l["Stats.Section.outcomes"],
            [
                new("MoneyStopped", l["Stats.MoneyStopped"], f.MoneyStopped, FigureFormat.Money, f.MoneyStopped is null),
                new("MoneyRecovered", l["Stats.MoneyRecovered"], f.MoneyRecovered, FigureFormat.Money, f.MoneyRecovered is null),
                Count("PeopleSanctioned", f.PeopleSanctioned, f.Range("m:sanctioned", "")),
                Count("PeopleReferred", f.PeopleReferred, f.Range("m:referred", "")),
                One("ReferredDiscipline", StatsDims.Referral, nameof(Referral.DisciplineCommission)),
                One("ReferredProsecutors", StatsDims.Referral, nameof(Referral.Prosecutors)),
            ]),
        };

        var breakdowns = new List<Breakdown>();
        var trendDim = f.Dims.ContainsKey(StatsDims.Month) ? StatsDims.Month : StatsDims.Year;
        var trendKeys = f.Dims.GetValueOrDefault(trendDim)?.Keys.Order(StringComparer.Ordinal).ToList() ?? [];
        if (trendDim == StatsDims.Month)
        {
            trendKeys = EveryMonth(trendKeys, from, to);
        }
        breakdowns.Add(new("trend", l["Stats.By." + trendDim], "line",
            Rows(f, trendDim, trendKeys, v => v), l["Stats.Column." + trendDim]));
        if (f.Children.Count > 0)
        {
            var rows = f.Children.Select(c => new BreakdownRow(c.Code, regions.NameOf(c.Code, CultureInfo.CurrentUICulture.IsChinese()), c.Total, childHref(c), c.Range)).ToList();
            rows.Add(new BreakdownRow("self", string.Format(CultureInfo.CurrentCulture, l["Stats.SelfLevel"], regions.NameOf(f.RegionCode, CultureInfo.CurrentUICulture.IsChinese())), f.Self, null, f.SelfRange));
            breakdowns.Add(new("region", l["Stats.By.region"], "bar", rows, l["Stats.Column.region"]));
        }
        breakdowns.Add(new("kind", l["Stats.By.kind"], "bar", Rows(f, StatsDims.Kind, kinds.Select(k => k.Code),
            code => kinds.FirstOrDefault(k => k.Code == code)?.Name(chinese) ?? code), l["Stats.Column.kind"]));
        breakdowns.Add(new("status", l["Stats.By.status"], "bar", Rows(f, StatsDims.Status, StatsDims.Statuses, s => l["Status." + s]), l["Stats.Column.status"]));
        breakdowns.Add(new("source", l["Stats.By.source"], "doughnut", Rows(f, StatsDims.Source, StatsDims.Sources, s => l["Stats.Source." + s]), l["Stats.Column.source"]));
        if (f.Dims.ContainsKey(StatsDims.Origin))
        {
            breakdowns.Add(new("origin", l["Stats.By.origin"], "doughnut", Rows(f, StatsDims.Origin, StatsDims.Origins, s => l["Stats.Origin." + s]), l["Stats.Column.origin"]));
        }
        if (f.Dims.ContainsKey(StatsDims.Channel))
        {
            breakdowns.Add(new("channel", l["Stats.By.channel"], "bar", Rows(f, StatsDims.Channel, StatsDims.Channels, s => l["Stats.Channel." + s]), l["Stats.Column.channel"]));
        }
        if (f.Dims.ContainsKey(StatsDims.Transfer))
        {
            breakdowns.Add(new("transfer", l["Stats.By.transfer"], "bar", Rows(f, StatsDims.Transfer, StatsDims.Transfers, s => l["Stats.Transfer." + s]), l["Stats.Column.transfer"]));
        }
        if (f.Dims.ContainsKey(StatsDims.Reward))
        {
            breakdowns.Add(new("reward", l["Stats.By.reward"], "bar", Rows(f, StatsDims.Reward, StatsDims.Rewards, s => l["Stats.Reward." + s]), l["Stats.Column.reward"]));
        }
        breakdowns.Add(new("finding", l["Stats.By.finding"], "doughnut",
            Rows(f, StatsDims.Finding, StatsDims.Findings, s => s == "none" ? l["Stats.Finding.none"] : l["Finding." + s]), l["Stats.Column.finding"]));
        return new StatsView
        {
            RegionCode = f.RegionCode,
            RegionName = regions.FullName(f.RegionCode, CultureInfo.CurrentUICulture.IsChinese()),
            Period = period,
            AsOf = asOf,
            Sections = sections,
            Breakdowns = breakdowns,
        };
    }

    /// <summary>Every month from the period's start (or the first month with reports) to its end (or the last), "yyyy-MM".</summary>
    public static List<string> EveryMonth(IReadOnlyList<string> present, DateOnly? from, DateOnly? to)
    {
        static DateOnly? Parse(string? key) =>
            DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var first = from ?? Parse(present.Count > 0 ? present[0] : null);
        var last = to ?? Parse(present.Count > 0 ? present[^1] : null);
        if (first is not { } start || last is not { } end || end < start || (end.Year - start.Year) * 12 + end.Month - start.Month > 1200)
        {
            return [.. present];
        }
        var months = new List<string>();
        for (var m = new DateOnly(start.Year, start.Month, 1); m <= end; m = m.AddMonths(1))
        {
            months.Add(m.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }
        return months;
    }

    private static List<BreakdownRow> Rows(RegionFigures f, string dim, IEnumerable<string> values, Func<string, string> label) =>
        values.Select(v => new BreakdownRow(v, label(v), f.Cell(dim, v), null, f.Range(dim, v))).ToList();
}

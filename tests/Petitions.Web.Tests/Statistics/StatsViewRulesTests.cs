using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Reports;
using Petitions.Testing;

namespace Petitions.Web.Tests.Statistics;

/// <summary>The statistics' facts view states no rule of their own: their "open" statuses are Core's, their time zone the policy's.</summary>
public sealed partial class StatsViewRulesTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task TheViewsOpenStatuses_AreCoresOpenStatuses()
    {
        var definition = await Factory.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT pg_get_viewdef('stats_report_facts'::regclass) AS \"Value\"").SingleAsync());
        // The "state" column: open reports are in time or overdue, the rest finished.
        var state = definition[..definition.IndexOf("'in-time'", StringComparison.Ordinal)];
        var list = state[state.LastIndexOf("ARRAY[", StringComparison.Ordinal)..];
        var statuses = Quoted().Matches(list[..list.IndexOf(']', StringComparison.Ordinal)]).Select(m => m.Groups[1].Value).Order().ToList();
        Assert.Equal(ReportStatuses.Open.Select(s => s.ToString()).Order(), statuses);
    }

    [Theory]
    [InlineData("stats_report_facts")]
    public async Task EveryStatusListInTheViews_IsOneOfCoresNamedSets(string view)
    {
        var definition = await Factory.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT pg_get_viewdef({view}::regclass) AS \"Value\"").SingleAsync());
        var named = new Dictionary<string, ReportStatus[]>
        {
            [nameof(ReportStatuses.Open)] = ReportStatuses.Open,
            [nameof(ReportStatuses.DecidedWithoutAcceptance)] = ReportStatuses.DecidedWithoutAcceptance,
            [nameof(ReportStatuses.EndedUndecided)] = ReportStatuses.EndedUndecided,
            [nameof(ReportStatuses.NoConclusionToCome)] = ReportStatuses.NoConclusionToCome,
        };
        var statusNames = Enum.GetNames<ReportStatus>().ToHashSet(StringComparer.Ordinal);
        var lists = StatusArray().Matches(definition)
            .Select(m => Quoted().Matches(m.Groups[1].Value).Select(q => q.Groups[1].Value).ToList())
            .Where(l => l.Count > 0 && l.All(statusNames.Contains))
            .Select(l => l.Order(StringComparer.Ordinal).ToList()).ToList();
        Assert.NotEmpty(lists);
        foreach (var list in lists)
        {
            Assert.True(named.Values.Any(set => set.Select(s => s.ToString()).Order(StringComparer.Ordinal).SequenceEqual(list)),
                $"{view} lists statuses [{string.Join(", ", list)}], which is none of Core's named sets");
        }
    }

    [Fact]
    public async Task TheViewsMonths_AreCountedInTheConfiguredTimeZone()
    {
        var definition = await Factory.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT pg_get_viewdef('stats_report_facts'::regclass) AS \"Value\"").SingleAsync());
        Assert.Contains("petitions_time_zone()", definition, StringComparison.Ordinal);
        Assert.DoesNotContain("Asia/Shanghai", definition, StringComparison.Ordinal);
        var zone = await Factory.QueryAsync(db => db.Database.SqlQuery<string>($"""
            SELECT z AS "Value" FROM (SELECT set_config('petitions.time_zone', 'Europe/Brussels', true), petitions_time_zone() AS z) t
            """).SingleAsync());
        Assert.Equal("Europe/Brussels", zone);
    }

    [GeneratedRegex(@"ARRAY\[([^\]]*)\]")]
    private static partial Regex StatusArray();

    [GeneratedRegex("'([A-Za-z]+)'")]
    private static partial Regex Quoted();
}

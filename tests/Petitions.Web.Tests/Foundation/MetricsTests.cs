using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Petitions.Testing;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Tests.Foundation;

/// <summary>The operator's view: /metrics for Prometheus (operator addresses only) and the health endpoints.</summary>
public sealed partial class MetricsTests(PetitionsFactory factory) : WebTest(factory)
{
    private FormClient Operator() => new(Factory.CreateClient(), "127.0.0.1");

    private async Task<double> MetricAsync(string name)
    {
        var text = await Operator().Http.GetStringAsync("/metrics");
        // Summed over every series of the metric (a counter has one per label value).
        return Regex.Matches(text, "^" + Regex.Escape(name) + @"(\{[^}]*\})? ([0-9.e+-]+)", RegexOptions.Multiline)
            .Sum(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Metrics_AreForTheOperatorOnly_AndCountWhatHappens()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await new FormClient(Factory.CreateClient(), "203.0.113.9").Http.GetAsync("/metrics")).StatusCode);
        var before = await MetricAsync("petitions_reports_filed_total");
        await Filing.FileAndTriageAsync(Factory, NewClient());
        await Wait.UntilAsync(async () => await MetricAsync("petitions_reports_filed_total") >= before + 1, TimeSpan.FromSeconds(15));
        Assert.True(await MetricAsync("petitions_reports_triaged_total") >= 1);
        var text = await Operator().Http.GetStringAsync("/metrics");
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        // Nothing that names a report, a person or a client's address.
        Assert.DoesNotContain("已故", text, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.9", text, StringComparison.Ordinal);

        // A mail the server cannot take counts once as failed.
        var failed = await MetricAsync("petitions_mail_failed_total");
        await Assert.ThrowsAnyAsync<Exception>(() => Factory.Service<Mailer>().SendAsync("not an address", "s", "b"));
        await Wait.UntilAsync(async () => await MetricAsync("petitions_mail_failed_total") == failed + 1, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task TheTriageLag_RisesWhileAReportWaits_AndFallsOnceItIsTriaged()
    {
        var sampler = Factory.Service<MetricsSampler>();
        // As if the job server had stopped: a report is stored but nobody triages it, and ten minutes pass.
        await Factory.QueryAsync(db =>
        {
            var synthetic = new Seeding.SyntheticReports(Factory.Service<Core.Regions.RegionCatalogue>(), Factory.Service<Core.Policy.TimeLimitPolicy>());
            db.Reports.Add(synthetic.Next(Factory.Clock.GetUtcNow(), Factory.Service<Core.Regions.RegionCatalogue>().Find("430422")));
            return db.SaveChangesAsync();
        });
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await sampler.SampleAsync(CancellationToken.None);
        Assert.InRange(await MetricAsync("petitions_triage_lag_seconds"), 590, 3600);

        await Factory.Service<Jobs.TriageJob>().DrainAsync(CancellationToken.None);
        await Wait.UntilAsync(async () =>
        {
            await sampler.SampleAsync(CancellationToken.None);
            return await MetricAsync("petitions_triage_lag_seconds") == 0;
        }, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Health_SaysLiveAndReady()
    {
        var client = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}

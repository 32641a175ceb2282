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

    private static async Task<double> MetricAsync(SiteProcess site, string name)
    {
        using var http = new HttpClient { BaseAddress = site.Root };
        var text = await http.GetStringAsync("/metrics");
        return Regex.Matches(text, "^" + Regex.Escape(name) + @"(\{[^}]*\})? ([0-9.e+-]+)", RegexOptions.Multiline)
            .Sum(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TheTriageLag_RisesWhileNoJobServerRuns_AndFallsWhenOneStarts()
    {
        // Its own database, so this test host's job server stays out of it: only the processes started here serve it.
        await using var database = await TestDatabase.CreateAsync("lag");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Petitions"] = database.ConnectionString,
            ["Petitions:MigrateOnStartup"] = "true",
            ["Metrics:SampleSeconds"] = "1",
        };
        await using var web = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), new Dictionary<string, string>(settings) { ["Petitions:RunJobServer"] = "false" });
        var filed = await Filing.PostAsync(new FormClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = web.Root }), Filing.ValidFields());
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        // Nobody triages: the oldest untriaged report's age climbs, and the instance says it is not ready.
        await Wait.UntilAsync(async () => await MetricAsync(web, "petitions_triage_lag_seconds") >= 3, TimeSpan.FromSeconds(30));
        using var probe = new HttpClient { BaseAddress = web.Root };
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/live")).StatusCode);

        // A job server starts (a second process on the same database): the report is triaged and the lag falls to zero.
        await using var jobs = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), settings);
        await Wait.UntilAsync(async () => await MetricAsync(web, "petitions_triage_lag_seconds") == 0, TimeSpan.FromSeconds(60));
        Assert.True(await MetricAsync(jobs, "petitions_reports_triaged_total") >= 1);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task AFiling_TheJobItWakes_AndTheReportsTriage_AreOneTrace()
    {
        var spans = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == Tracing.SourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        bool Of(System.Diagnostics.Activity a, string name) => a.OperationName == name && (string?)a.GetTagItem(Tracing.ReportIdTag) == id.ToString();
        await Wait.UntilAsync(() => Task.FromResult(spans.Any(a => Of(a, "report.triage"))), TimeSpan.FromSeconds(15));
        var filing = spans.Single(a => Of(a, "report.file"));
        var triage = spans.Single(a => Of(a, "report.triage"));
        Assert.Equal(filing.TraceId, triage.TraceId);
        // The job's span ends after the triage inside it: wait for it rather than race it.
        await Wait.UntilAsync(() => Task.FromResult(spans.Any(a => a.OperationName == "job TriageJob.DrainAsync" && a.TraceId == filing.TraceId)), TimeSpan.FromSeconds(15));
        // Nothing of the report's content or of the person in any span.
        Assert.All(spans.SelectMany(a => a.Tags), tag => Assert.DoesNotContain("已故", tag.Value ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_SaysLiveAndReady()
    {
        var client = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}

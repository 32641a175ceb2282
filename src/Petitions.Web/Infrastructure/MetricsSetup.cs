using System.Diagnostics.Metrics;
using Hangfire.Common;
using Npgsql;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Petitions.Core.Policy;
using Petitions.Data;

namespace Petitions.Web.Infrastructure;

/// <summary>Where the metrics endpoint answers and how often the database-backed gauges are sampled.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Networks allowed to read /metrics (CIDR); everyone else gets a 404. Default: this machine only.</summary>
    public string[] AllowedNetworks { get; set; } = ["127.0.0.1/32", "::1/128"];

    /// <summary>Seconds between samples of the gauges read from the database (triage lag, pending mail, deadlines, statistics age).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int SampleSeconds { get; set; } = 15;
}

/// <summary>
/// The portal's own metrics (OpenTelemetry, meter "Petitions"), next to ASP.NET Core's request metrics and
/// Npgsql's: counters the code increments, and gauges a sampler reads from the database. No label ever carries
/// a report, a person or an address.
/// </summary>
public sealed class PetitionsMetrics : IDisposable
{
    public const string MeterName = "Petitions";
    private readonly Meter _meter = new(MeterName);

    public PetitionsMetrics()
    {
        ReportsFiled = _meter.CreateCounter<long>("petitions.reports.filed", description: "Reports filed, by anonymous or real-name.");
        ReportsTriaged = _meter.CreateCounter<long>("petitions.reports.triaged", description: "Reports triaged.");
        MailSent = _meter.CreateCounter<long>("petitions.mail.sent", description: "Mails handed to the mail server.");
        MailFailed = _meter.CreateCounter<long>("petitions.mail.failed", description: "Mails the mail server refused or could not take.");
        JobFailures = _meter.CreateCounter<long>("petitions.jobs.failed", description: "Background job attempts that failed, by job.");
        RateLimited = _meter.CreateCounter<long>("petitions.rate_limit.refusals", description: "Requests refused by a rate limit, by purpose.");
        StatisticsDifferences = _meter.CreateCounter<long>("petitions.statistics.differences",
            description: "Cells where the folded statistics differed from the nightly count from scratch (0 unless a change escaped).");
        _meter.CreateObservableGauge("petitions.triage.lag", () => Sample.TriageLagSeconds, "s", "Age of the oldest untriaged report (0 when none).");
        _meter.CreateObservableGauge("petitions.notifications.pending", () => Sample.NotificationsPending, description: "Mails owed to staff and reporters, not yet sent.");
        _meter.CreateObservableGauge("petitions.reports.due_soon", () => Sample.DueSoon, description: "Open reports whose time limit ends soon.");
        _meter.CreateObservableGauge("petitions.reports.overdue", () => Sample.Overdue, description: "Open reports past their time limit.");
        _meter.CreateObservableGauge("petitions.statistics.age", () => Sample.StatisticsAgeSeconds, "s", "Age of the statistics snapshot.");
    }

    public Counter<long> ReportsFiled { get; }
    public Counter<long> ReportsTriaged { get; }
    public Counter<long> MailSent { get; }
    public Counter<long> MailFailed { get; }
    public Counter<long> JobFailures { get; }
    public Counter<long> RateLimited { get; }
    public Counter<long> StatisticsDifferences { get; }

    /// <summary>The latest database sample (replaced whole, so a scrape never sees half of one).</summary>
    public GaugeSample Sample { get; set; } = new(0, 0, 0, 0, 0);

    public void Dispose() => _meter.Dispose();
}

public sealed record GaugeSample(double TriageLagSeconds, long NotificationsPending, long DueSoon, long Overdue, double StatisticsAgeSeconds);

/// <summary>Reads the gauges' values from the database every few seconds (one cheap query each).</summary>
public sealed class MetricsSampler(IServiceScopeFactory scopes, PetitionsMetrics metrics, TimeProvider clock, IOptions<MetricsOptions> options, ILogger<MetricsSampler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SampleSeconds), clock);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Metrics sample failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SampleAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var oldest = await db.Reports.Where(r => r.TriagedAt == null).MinAsync(r => (DateTimeOffset?)r.SubmittedAt, ct);
        var pending = await db.Notifications.CountAsync(n => n.SentAt == null, ct) + await db.ReporterNotices.CountAsync(n => n.SentAt == null, ct);
        var dueSoon = await db.Reports.CountAsync(r => r.DueAt != null && r.DueState == DueState.DueSoon, ct);
        var overdue = await db.Reports.CountAsync(r => r.DueAt != null && r.DueState == DueState.Overdue, ct);
        var stats = await db.StatsSnapshots.MaxAsync(s => (DateTimeOffset?)s.AsOf, ct);
        metrics.Sample = new GaugeSample(
            oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0, pending, dueSoon, overdue,
            stats is { } s ? Math.Max(0, (now - s).TotalSeconds) : 0);
    }
}

/// <summary>Counts each failed attempt of a background job, by the job's class and method (never its arguments).</summary>
public sealed class JobFailureMetric : JobFilterAttribute, IElectStateFilter
{
    private readonly PetitionsMetrics _metrics;

    public JobFailureMetric(PetitionsMetrics metrics)
    {
        _metrics = metrics;
        // Before AutomaticRetry (order 20) turns the failure into a retry: every failed attempt counts once.
        Order = 0;
    }

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is FailedState)
        {
            var job = context.BackgroundJob.Job;
            _metrics.JobFailures.Add(1, new KeyValuePair<string, object?>("job", job is null ? "unknown" : $"{job.Type.Name}.{job.Method.Name}"));
        }
    }
}

public static class MetricsSetup
{
    public static IServiceCollection AddPetitionsMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PetitionsMetrics>();
        services.AddSingleton<MetricsSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsSampler>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PetitionsMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddNpgsqlInstrumentation()
            // Each scrape reads the current values (no cached answer between two scrapes).
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        // Traces go to an OpenTelemetry collector when one is named (Tracing:OtlpEndpoint, e.g. http://127.0.0.1:4317).
        services.AddOptions<TracingOptions>().BindConfiguration(TracingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (configuration.GetSection(TracingOptions.Section).Get<TracingOptions>()?.OtlpEndpoint is { Length: > 0 } endpoint)
        {
            services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("petitions"))
                .WithTracing(tracing => tracing
                    .AddSource(Tracing.SourceName)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.RecordException = false;
                        // Nothing that identifies a client in a span: no user agent, no address (as in the logs).
                        o.EnrichWithHttpRequest = (activity, _) =>
                        {
                            activity.SetTag("user_agent.original", null);
                            activity.SetTag("client.address", null);
                            activity.SetTag("network.peer.address", null);
                        };
                    })
                    .AddNpgsql()
                    .AddOtlpExporter(o => o.Endpoint = new Uri(endpoint)));
        }
        return services;
    }

    /// <summary>/metrics for Prometheus, answered only to the operator's networks (a 404 to everyone else).</summary>
    public static WebApplication MapPetitionsMetrics(this WebApplication app)
    {
        var allowed = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.AllowedNetworks
            .Select(n => System.Net.IPNetwork.Parse(n)).ToArray();
        app.MapPrometheusScrapingEndpoint("/metrics")
            .AddEndpointFilter(async (context, next) =>
            {
                var remote = context.HttpContext.Connection.RemoteIpAddress;
                if (remote is null || !allowed.Any(n => n.Contains(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)))
                {
                    return Results.NotFound();
                }
                return await next(context);
            })
            .AllowAnonymous();
        return app;
    }
}

using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Petitions.Data;

namespace Petitions.Web.Infrastructure;

public static class HealthSetup
{
    public static IServiceCollection AddPetitionsHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database")
            .AddCheck<HangfireHealthCheck>("hangfire");
        return services;
    }

    public static IEndpointRouteBuilder MapPetitionsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                var body = new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                };
                await context.Response.WriteAsync(JsonSerializer.Serialize(body));
            },
        }).AllowAnonymous();
        // For an orchestrator or load balancer: live = the process answers; ready = it reaches its database and some
        // job server (in this process or another) has a recent heartbeat, so what it accepts is triaged and mailed.
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>Healthy when the job storage answers and at least one job server has a recent heartbeat.</summary>
    private sealed class HangfireHealthCheck(JobStorage storage, TimeProvider clock) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var servers = storage.GetMonitoringApi().Servers();
                var now = clock.GetUtcNow().UtcDateTime;
                var alive = servers.Count(s => s.Heartbeat is { } beat && now - beat < TimeSpan.FromMinutes(2));
                return Task.FromResult(alive > 0
                    ? HealthCheckResult.Healthy($"{alive} job server(s)")
                    : HealthCheckResult.Degraded("no job server has a recent heartbeat"));
            }
            catch (Exception ex)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("job storage unavailable", ex));
            }
        }
    }
}

using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Petitions.Data;

namespace Petitions.Web.Infrastructure;

public static class JobsSetup
{
    public static IServiceCollection AddPetitionsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.ConnectionString();
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connection), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                // LISTEN/NOTIFY wakes a worker as soon as a job is enqueued; polling is the fallback.
                EnableLongPolling = true,
                QueuePollInterval = TimeSpan.FromSeconds(15),
                // A long job keeps extending its lease instead of being picked up twice.
                UseSlidingInvisibilityTimeout = true,
            }));

        services.AddScoped<Jobs.TriageJob>();
        services.AddScoped<Jobs.TriageOutboxJob>();
        var options = configuration.GetSection(PetitionsOptions.Section).Get<PetitionsOptions>() ?? new PetitionsOptions();
        if (options.RunJobServer)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = options.JobWorkers;
                o.Queues = ["critical", "default"];
                o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
        }
        return services;
    }

    /// <summary>Recurring jobs, registered at start-up.</summary>
    public static WebApplication UsePetitionsRecurringJobs(this WebApplication app)
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<Jobs.TriageOutboxJob>(Jobs.TriageOutboxJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        return app;
    }

    public static IEndpointRouteBuilder MapPetitionsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            AppPath = "/Admin",
            DisplayStorageConnectionString = false,
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>The dashboard is for Admins only, wherever the request comes from.</summary>
    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}

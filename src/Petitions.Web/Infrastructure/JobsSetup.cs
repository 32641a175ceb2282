using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authorization;

namespace Petitions.Web.Infrastructure;

public static class JobsSetup
{
    public static IServiceCollection AddPetitionsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.ConnectionString();
        services.AddHangfire((provider, config) => config
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
            })
            .UseFilter(new JobFailureMetric(provider.GetRequiredService<PetitionsMetrics>()))
            .UseFilter(new JobTracing()));

        services.AddScoped<Jobs.Triage.TriageJob>();
        services.AddScoped<Jobs.Triage.TriageOutboxJob>();
        services.AddScoped<Jobs.OrphanUploadsJob>();
        services.AddScoped<Jobs.NotificationJob>();
        services.AddScoped<Jobs.ReporterMailJob>();
        services.AddScoped<Jobs.TimeLimitSweepJob>();
        services.AddScoped<Jobs.RetentionJob>();
        services.AddScoped<Jobs.StatsRefreshJob>();
        services.AddScoped<Jobs.StatsFoldJob>();
        services.AddScoped<Jobs.StatsCheckJob>();
        services.AddScoped<Statistics.StatsFolding>();
        services.AddScoped<Jobs.CampaignLaunchJob>();
        services.AddScoped<Jobs.AuditCheckpointJob>();
        services.AddScoped<Jobs.RegisterPurgeJob>();
        services.AddScoped<Jobs.MatchingRunJob>();
        services.AddOptions<Jobs.RetentionOptions>().BindConfiguration(Jobs.RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JobScheduleOptions>().BindConfiguration(JobScheduleOptions.Section);
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
        RegisterRecurringJobs(app.Services);
        // Whatever a crash left untriaged is re-driven at once, not when the outbox next looks.
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PetitionsOptions>>().Value.RunJobServer)
        {
            app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<Jobs.Triage.TriageJob>(j => j.DrainAsync(CancellationToken.None));
            // ...and so is a campaign launch a crash interrupted.
            app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<Jobs.CampaignLaunchJob>(j => j.SweepAsync(CancellationToken.None));
        }
        return app;
    }

    /// <summary>Adds or updates every recurring job from the "Jobs" schedules (idempotent).</summary>
    public static void RegisterRecurringJobs(IServiceProvider services)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        var schedules = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobScheduleOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JobsSetup).FullName!);
        void Schedule(string setting, string cron, Action<string> register) => JobsSetup.Schedule(setting, cron, register, logger);
        // Hangfire parses each cron expression here: a bad one stops the start with the setting's name.
        Schedule(nameof(schedules.TriageOutbox), schedules.TriageOutbox,
            cron => recurring.AddOrUpdate<Jobs.Triage.TriageOutboxJob>(Jobs.Triage.TriageOutboxJob.Id, j => j.RunAsync(CancellationToken.None), cron));
        Schedule(nameof(schedules.ReporterMail), schedules.ReporterMail,
            cron => recurring.AddOrUpdate<Jobs.ReporterMailJob>(Jobs.ReporterMailJob.Id, j => j.SendOwedAsync(CancellationToken.None), cron));
        Schedule(nameof(schedules.OrphanUploads), schedules.OrphanUploads,
            cron => recurring.AddOrUpdate<Jobs.OrphanUploadsJob>(Jobs.OrphanUploadsJob.Id, j => j.RunAsync(CancellationToken.None), cron));
        Schedule(nameof(schedules.TimeLimitSweep), schedules.TimeLimitSweep,
            cron => recurring.AddOrUpdate<Jobs.TimeLimitSweepJob>(Jobs.TimeLimitSweepJob.Id, j => j.RunAsync(CancellationToken.None), cron));
        Schedule(nameof(schedules.Retention), schedules.Retention,
            cron => recurring.AddOrUpdate<Jobs.RetentionJob>(Jobs.RetentionJob.Id, j => j.RunAsync(CancellationToken.None), cron));
        Schedule(nameof(schedules.StatsRefresh), schedules.StatsRefresh,
            cron => recurring.AddOrUpdate<Jobs.StatsRefreshJob>(Jobs.StatsRefreshJob.Id, j => j.RunAsync(CancellationToken.None), cron));
        Schedule(nameof(schedules.StatsFold), schedules.StatsFold,
            cron => recurring.AddOrUpdate<Jobs.StatsFoldJob>(Jobs.StatsFoldJob.Id, j => j.RunAsync(CancellationToken.None), cron));
        Schedule(nameof(schedules.StatsCheck), schedules.StatsCheck,
            cron => recurring.AddOrUpdate<Jobs.StatsCheckJob>(Jobs.StatsCheckJob.Id, j => j.RunAsync(CancellationToken.None), cron));
        Schedule(nameof(schedules.MatchingRun), schedules.MatchingRun,
            cron => recurring.AddOrUpdate<Jobs.MatchingRunJob>(Jobs.MatchingRunJob.Id, j => j.RunAsync(CancellationToken.None), cron));
        Schedule(nameof(schedules.RegisterPurge), schedules.RegisterPurge,
            cron => recurring.AddOrUpdate<Jobs.RegisterPurgeJob>(Jobs.RegisterPurgeJob.Id, j => j.RunAsync(CancellationToken.None), cron));
        Schedule(nameof(schedules.AuditCheckpoint), schedules.AuditCheckpoint,
            cron => recurring.AddOrUpdate<Jobs.AuditCheckpointJob>(Jobs.AuditCheckpointJob.Id, j => j.RunAsync(CancellationToken.None), cron));
        Schedule(nameof(schedules.CampaignLaunchSweep), schedules.CampaignLaunchSweep,
            cron => recurring.AddOrUpdate<Jobs.CampaignLaunchJob>(Jobs.CampaignLaunchJob.SweepId, j => j.SweepAsync(CancellationToken.None), cron));
    }

    private static void Schedule(string setting, string cron, Action<string> register, ILogger logger)
    {
        try
        {
            register(cron);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{JobScheduleOptions.Section}:{setting} = \"{cron}\" is not a valid cron expression.", ex);
        }
        catch (Hangfire.PostgreSql.PostgreSqlDistributedLockException ex)
        {
            // Another process holds the job's lock: it is triggering the job now, or it died doing so and the lock
            // lasts until Hangfire expires it. The job is already registered (a lock exists only for a registered job),
            // so this start goes on with the stored schedule rather than fail, and says so.
            logger.LogWarning(ex, "Recurring job {Setting} kept its stored schedule: its lock is held by another process", setting);
        }
    }

    /// <summary>Schedules of the recurring jobs (cron, UTC), from the "Jobs" configuration section.</summary>
    public sealed class JobScheduleOptions
    {
        public const string Section = "Jobs";

        /// <summary>Every 10 seconds (Hangfire reads a sixth, seconds field): a lost triage drain is re-driven within seconds.</summary>
        public string TriageOutbox { get; set; } = "*/10 * * * * *";
        /// <summary>The safety net for reporters' mails whose enqueue was lost; each change enqueues its own at once.</summary>
        public string ReporterMail { get; set; } = "* * * * *";
        public string OrphanUploads { get; set; } = "17 * * * *";
        public string TimeLimitSweep { get; set; } = "*/15 * * * *";
        public string Retention { get; set; } = "40 19 * * *";
        /// <summary>The public figures change at most once a minute (and only the provinces that moved are recomputed).</summary>
        public string StatsRefresh { get; set; } = "* * * * *";
        /// <summary>Reports' changes reach /Oversight's figures within 15 seconds (plus the fold's own time).</summary>
        public string StatsFold { get; set; } = "*/15 * * * * *";
        /// <summary>The nightly count from scratch compared with the folded figures (03:15 China time).</summary>
        public string StatsCheck { get; set; } = "15 19 * * *";
        /// <summary>Finishes any campaign still launching (a launch whose worker died); the launch is idempotent.</summary>
        public string CampaignLaunchSweep { get; set; } = "* * * * *";
        /// <summary>A rewrite of the audit log can hide at most the entries since the last checkpoint.</summary>
        public string AuditCheckpoint { get; set; } = "*/10 * * * *";
        /// <summary>Register imports past their keeping period go, once a day.</summary>
        public string RegisterPurge { get; set; } = "30 19 * * *";
        /// <summary>The monthly matching run (the 2nd, 04:00 China time); each import also asks for one.</summary>
        public string MatchingRun { get; set; } = "0 20 1 * *";
    }

    public static IEndpointRouteBuilder MapPetitionsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            AsyncAuthorization = [new AdminOnlyDashboardFilter()],
            AppPath = "/Admin",
            DisplayStorageConnectionString = false,
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>The dashboard is for whoever the Admin policy admits (the role and the second factor), wherever the request comes from.</summary>
    private sealed class AdminOnlyDashboardFilter : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
            return (await authorization.AuthorizeAsync(http.User, IdentitySetup.AdminPolicy)).Succeeded;
        }
    }
}

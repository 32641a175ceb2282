using Microsoft.AspNetCore.Http.Features;
using Petitions.Web.Services;

namespace Petitions.Web.Infrastructure;

public static class CitizenSetup
{
    public static IServiceCollection AddPetitionsCitizens(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.PickupDirectory) || !string.IsNullOrWhiteSpace(o.SmtpHost),
                "Mail: set Mail:SmtpHost (production) or Mail:PickupDirectory (development).")
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddHttpContextAccessor();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<ProofOfWork>();
        services.AddSingleton<ReportKindCatalogue>();
        services.AddSingleton<Mailer>();
        services.AddScoped<LocalizedMailer>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditCheckpoints>();
        services.AddOptions<AuditCheckpointOptions>().BindConfiguration(AuditCheckpointOptions.Section);
        services.AddScoped<StaffAccess>();
        services.AddScoped<ServerSessions>();
        services.AddScoped<Statistics.StatsQueries>();
        services.AddScoped<Statistics.RewardFigures>();
        services.AddScoped<Statistics.StatsViewBuilder>();
        services.AddSingleton<Statistics.PublicStatsBuilder>();
        services.AddSingleton<Statistics.PublicStatsCache>();
        services.AddScoped<AccountMail>();
        services.AddScoped<Services.UploadSession>();
        services.AddScoped<Services.TrackAccess>();
        services.AddOptions<FormOptions>().Configure<Microsoft.Extensions.Options.IOptions<StorageOptions>>((o, storage) =>
        {
            o.MultipartBodyLengthLimit = storage.Value.MaxRequestBytes;
            // Files above this size are buffered to a temporary file, never whole in memory.
            o.MemoryBufferThreshold = 64 * 1024;
            o.ValueLengthLimit = 64 * 1024;
            o.ValueCountLimit = 200;
        });
        services.AddSingleton<RateGate>();
        return services;
    }
}

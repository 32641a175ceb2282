using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Petitions.Web.Services;

namespace Petitions.Web.Infrastructure;

public static class CitizenSetup
{
    public const string SubmitPolicy = "submit";
    public const string TrackPolicy = "track";

    // A per-process random key: the limiter's partitions are keyed by a hash of the client address,
    // held in memory only, never stored or logged, and unlinkable across restarts.
    private static readonly byte[] PartitionKey = RandomNumberGenerator.GetBytes(32);

    public static IServiceCollection AddPetitionsCitizens(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.PickupDirectory) || !string.IsNullOrWhiteSpace(o.SmtpHost),
                "Mail: set Mail:SmtpHost (production) or Mail:PickupDirectory (development).")
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<ProofOfWork>();
        services.AddSingleton<ReportKindCatalogue>();
        services.AddSingleton<Mailer>();
        services.AddScoped<LocalizedMailer>();
        services.AddScoped<AuditLog>();
        services.AddScoped<StaffAccess>();
        services.AddScoped<Statistics.StatsQueries>();
        services.AddScoped<Statistics.StatsViewBuilder>();
        services.AddSingleton<Statistics.PublicStatsBuilder>();
        services.AddSingleton<Statistics.PublicStatsCache>();
        services.AddScoped<AccountMail>();
        services.AddScoped<Pages.Filing.UploadSession>();
        services.AddScoped<Pages.Track.TrackAccess>();
        services.AddOptions<FormOptions>().Configure<Microsoft.Extensions.Options.IOptions<StorageOptions>>((o, storage) =>
        {
            o.MultipartBodyLengthLimit = storage.Value.MaxRequestBytes;
            // Files above this size are buffered to a temporary file, never whole in memory.
            o.MemoryBufferThreshold = 64 * 1024;
            o.ValueLengthLimit = 64 * 1024;
            o.ValueCountLimit = 200;
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>((o, limits) =>
        {
            var submitPermits = limits.Value.SubmitPer10Minutes;
            var trackPermits = limits.Value.TrackPer10Minutes;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SubmitPolicy, context => !HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetTokenBucketLimiter(Partition(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = submitPermits,
                TokensPerPeriod = submitPermits,
                ReplenishmentPeriod = TimeSpan.FromMinutes(10),
                QueueLimit = 0,
            }));
            o.AddPolicy(TrackPolicy, context => !HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(Partition(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = trackPermits,
                Window = TimeSpan.FromMinutes(10),
                QueueLimit = 0,
            }));
        });
        return services;
    }

    /// <summary>Only POSTs are limited (reading a form is free), per hashed client address.</summary>
    private static string Partition(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return Convert.ToHexString(HMACSHA256.HashData(PartitionKey, address.GetAddressBytes()), 0, 8);
    }
}

using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Tracking;
using Petitions.Data;

namespace Petitions.Web.Infrastructure;

public static class DataSetup
{
    public const string ConnectionName = "Petitions";

    /// <summary>
    /// The role that owns the schema and runs the migrations (optional: without it the site's own connection migrates,
    /// which then has to own the tables). The site's connection should be a member of petitions_site, owning nothing.
    /// </summary>
    public const string OwnerConnectionName = "PetitionsOwner";

    /// <summary>The owner's connection where one is configured (migrations, backup, restore), else the site's.</summary>
    public static string OwnerConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(OwnerConnectionName) is { Length: > 0 } owner ? owner : configuration.ConnectionString();

    public static string ConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionName)
        ?? throw new InvalidOperationException("ConnectionStrings:Petitions is not set. ./petitions run sets it for the private cluster.");

    public static IServiceCollection AddPetitionsData(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = Tuned(configuration.ConnectionString());
        services.AddDbContextPool<AppDbContext>(o => o.UseNpgsql(connection, npgsql =>
        {
            npgsql.MigrationsAssembly("Petitions.Migrations");
            npgsql.EnableRetryOnFailure(3);
        })
            // The queue's capped count (Take then Count) needs no order; the warning would be logged on every page.
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning)));

        // Keys live in the database so every instance can read the others' cookies, tokens and
        // encrypted contact details.
        var protection = services.AddDataProtection()
            .SetApplicationName("Petitions")
            .PersistKeysToDbContext<AppDbContext>();
        // The keys are stored encrypted with a certificate's public key, so a copy of the database alone
        // cannot forge a session or read contact details. Every instance gets the same certificate.
        var keys = KeyProtectionOptions.Read(configuration);
        if (!string.IsNullOrEmpty(keys.KeyProtectionCertificate))
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                keys.KeyProtectionCertificate, keys.KeyProtectionCertificatePassword,
                System.Security.Cryptography.X509Certificates.X509KeyStorageFlags.EphemeralKeySet);
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddOptions<PetitionsOptions>().BindConfiguration(PetitionsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TimeLimitPolicy>().BindConfiguration(TimeLimitPolicy.Section).ValidateDataAnnotations()
            .Validate(p => TryZone(p.TimeZoneId), "TimeLimits:TimeZoneId is not a known time zone.")
            .ValidateOnStart();
        // The official working days: the built-in years and an administrator's year files (Calendar:Folder). A file that
        // is not a sound calendar stops the site at start-up, naming the file and the problem (docs/time-limits.md).
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section);
        services.AddOptions<TimeLimitPolicy>().PostConfigure<Microsoft.Extensions.Options.IOptions<CalendarOptions>>((p, calendar) =>
            p.Calendar = WorkingCalendar.Load(calendar.Value.Folder));
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TimeLimitPolicy>>().Value);
        services.AddSingleton(sp => new AccessKeyHasher(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PetitionsOptions>>().Value.AccessKeySecret));
        services.AddSingleton<Services.Display>();
        services.AddSingleton<Services.AuditWords>();
        services.AddSingleton<Services.ReporterIdentities>();
        services.AddSingleton(RegionCatalogue.Default);
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// The site sets no session state on its pooled connections (its only lock is transaction-scoped), so the
    /// pool's DISCARD ALL on every reuse is skipped. Statements used five times on a connection are prepared there
    /// (Npgsql's auto-prepare), so PostgreSQL parses them once, but each run is still planned for its own values
    /// (<c>plan_cache_mode = force_custom_plan</c>): the reports are skewed (a few counties hold most of them), and a
    /// plan made once for any value can be wrong for the busiest. Triage, whose statements do the same thing for
    /// every report, keeps its plans inside its own transactions (TriageJob). PostgreSQL's JIT compilation is off for the
    /// site's sessions: at ten million reports the planner's cost estimates pass its threshold for short queue queries,
    /// and compiling took longer than the query (3 s of a count that reads 10,000 rows, on a busy machine). An
    /// operator's own values in the connection string win.
    /// </summary>
    public static string Tuned(string connection)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            tuned.NoResetOnClose = true;
        }
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            tuned.MaxAutoPrepare = 64;
        }
        var options = given.ContainsKey("Options") ? tuned.Options ?? "" : "-c jit=off";
        tuned.Options = options.Contains("plan_cache_mode", StringComparison.Ordinal) ? options : (options + " -c plan_cache_mode=force_custom_plan").Trim();
        return tuned.ConnectionString;
    }

    private static bool TryZone(string id)
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// A migration that rewrites the reports table (adding a generated column) or builds an index on it takes minutes at
    /// ten million reports, not the 30 seconds a command may take by default.
    /// </summary>
    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromHours(2);

    /// <summary>Applies migrations (when configured) and seeds reference data, before the site takes requests.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PetitionsOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (options.MigrateOnStartup)
        {
            if (app.Configuration.GetConnectionString(OwnerConnectionName) is { Length: > 0 } owner)
            {
                var ownerOptions = new DbContextOptionsBuilder<AppDbContext>()
                    .UseNpgsql(owner, npgsql => npgsql.MigrationsAssembly("Petitions.Migrations")).Options;
                await using var migrating = new AppDbContext(ownerOptions);
                migrating.Database.SetCommandTimeout(MigrationTimeout);
                await migrating.Database.MigrateAsync();
            }
            else
            {
                db.Database.SetCommandTimeout(MigrationTimeout);
                await db.Database.MigrateAsync();
                db.Database.SetCommandTimeout(null);
            }
        }
        await scope.ServiceProvider.GetRequiredService<Seeding.ReferenceData>().EnsureAsync();
        await Services.Regimes.LoadAsync(db, scope.ServiceProvider.GetRequiredService<TimeLimitPolicy>(), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Services.ReporterIdentities>().SealLegacyAsync(db);
        if (options.SeedDemo)
        {
            await scope.ServiceProvider.GetRequiredService<Seeding.DemoData>().EnsureAsync();
        }
    }
}

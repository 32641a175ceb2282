using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Seeding;
using Respawn;
using Xunit;

namespace Petitions.Testing;

/// <summary>
/// The real site against a real, throwaway PostgreSQL database, with the Hangfire server running in
/// process. <see cref="ResetAsync"/> empties the data between tests and keeps reference data.
/// </summary>
public class PetitionsFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private Respawner? _respawner;
    private TestDatabase? _database;
    private readonly string _purpose;
    private readonly bool _kestrel;

    public PetitionsFactory() : this("web", kestrel: false)
    {
    }

    protected PetitionsFactory(string purpose, bool kestrel)
    {
        _purpose = purpose;
        _kestrel = kestrel;
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public const string AccessKeySecret = "test-access-key-secret-0123456789-abcdefghijklmnop";
    public const string KeyProtectionPassword = "test-key-protection";

    /// <summary>A throwaway certificate (PFX file) that encrypts the Data Protection keys, as in production.</summary>
    public static readonly Lazy<string> KeyProtection = new(() =>
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=Petitions test key protection", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"petitions-key-protection-{Environment.ProcessId}.pfx");
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, KeyProtectionPassword));
        return path;
    });

    public CapturedLogs Logs { get; } = new();

    /// <summary>Runs a test's action just before the site's next save (see <see cref="Testing.BeforeSave"/>).</summary>
    public BeforeSave BeforeSave { get; } = new();
    public TestClock Clock { get; } = new();

    /// <summary>The site's password hasher, counting its calls.</summary>
    public CountingPasswordHasher PasswordHasher { get; } = new();
    public string MailFolder { get; } = Directory.CreateTempSubdirectory("petitions-mail-").FullName;
    public string StorageFolder { get; } = Directory.CreateTempSubdirectory("petitions-files-").FullName;
    /// <summary>
    /// Runs SQL as the database's owner: what a test does around the site (a trigger that refuses, a table it reads),
    /// which the site's own role may not.
    /// </summary>
    public async Task AsOwnerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The audit checkpoints outside the database (emptied between tests, as the log is).</summary>
    public string CheckpointFile { get; } = Path.Combine(Directory.CreateTempSubdirectory("petitions-audit-").FullName, "checkpoints.log");
    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Settings a test class may add before the host starts.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings => [];

    public async Task InitializeAsync()
    {
        RunningJobs.Register();
        _database = await TestDatabase.CreateAsync(_purpose);
        if (_kestrel)
        {
            StartServer();
        }
        else
        {
            _ = Server; // builds the host: migrations and reference data run now
        }
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public", "hangfire"],
            TablesToIgnore =
            [
                "__EFMigrationsHistory", "DataProtectionKeys", "AspNetRoles", "report_kinds", "triage_signal",
                new Respawn.Graph.Table("hangfire", "schema"), new Respawn.Graph.Table("hangfire", "server"),
                new Respawn.Graph.Table("hangfire", "lock"),
            ],
        });
    }

    private static async Task<string> DescribeStuckJobsAsync(Hangfire.Storage.IMonitoringApi monitor, string owner)
    {
        var text = new System.Text.StringBuilder($"Jobs of the previous test did not finish within 30 s; running here: {RunningJobs.Describe()}.\n");
        foreach (var job in monitor.ProcessingJobs(0, 1000))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"processing {job.Key}: {job.Value.Job?.Type.Name}.{job.Value.Job?.Method.Name} on {job.Value.ServerId} since {job.Value.StartedAt:O}\n");
        }
        foreach (var queue in monitor.Queues())
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"queue {queue.Name}: {queue.Length} waiting, {queue.Fetched} fetched\n");
        }
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        await using var activity = new NpgsqlCommand(
            """
            SELECT pid, usename, state, coalesce(wait_event_type, '') || ':' || coalesce(wait_event, ''),
                   now() - xact_start, left(regexp_replace(query, '\s+', ' ', 'g'), 300)
            FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
            """, connection);
        await using var reader = await activity.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"backend {reader.GetInt32(0)} {reader.GetString(1)} {reader.GetString(2)} waiting {reader.GetString(3)} for {reader.GetValue(4)}: {reader.GetString(5)}\n");
        }
        return text.ToString();
    }

    /// <summary>The address of the real Kestrel server (kestrel factories only).</summary>
    public Uri RootUri
    {
        get
        {
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    public async Task ResetAsync()
    {
        Clock.Release();
        BeforeSave.Clear();
        // Jobs of the previous test still running would hold row locks against the reset: let them finish.
        var monitor = Service<JobStorage>().GetMonitoringApi();
        // Only this process's own workers count: jobs a site process was running when a test killed it stay
        // "processing" for a dead server. (Deleting them would wait for the dead server's job locks to expire.)
        var mine = $":{Environment.ProcessId}:";
        // A job whose database connection broke while it held its DisableConcurrentExecution lock (a test restarted
        // PostgreSQL) could not release it: the row stays until Hangfire.PostgreSql expires it (10 minutes), and the next
        // run of that job waits for it all that time. Between tests no job of ours should hold one: stale rows go.
        // The owner's connections are few and short here: never pooled, so none left over from before a PostgreSQL
        // restart (a crash test) is handed out dead.
        var owner = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString;
        await using (var locks = new NpgsqlConnection(owner))
        {
            await locks.OpenAsync();
            await using var stale = new NpgsqlCommand(
                "DELETE FROM hangfire.lock WHERE resource LIKE '%Job.%' AND acquired < now() - interval '5 seconds'", locks);
            await stale.ExecuteNonQueryAsync();
        }
        // A job "processing" in storage for this process while none of its workers runs anything was orphaned (its
        // connection broke when a test restarted PostgreSQL): once the workers have been idle a while, it does not count.
        DateTime? idleSince = null;
        try
        {
            await Wait.UntilAsync(() =>
            {
                if (!RunningJobs.None || monitor.Queues().Any(q => q.Length > 0))
                {
                    idleSince = null;
                    return false;
                }
                if (!monitor.ProcessingJobs(0, 1000).Any(j => (j.Value.ServerId ?? "").Contains(mine, StringComparison.Ordinal)))
                {
                    return true;
                }
                idleSince ??= DateTime.UtcNow;
                return DateTime.UtcNow - idleSince > TimeSpan.FromSeconds(5);
            }, TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException ex)
        {
            // Say what is stuck, and on what: a bare timeout in CI cannot be investigated afterwards.
            throw new TimeoutException(await DescribeStuckJobsAsync(monitor, owner), ex);
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(owner);
                await connection.OpenAsync();
                // The audit log's append-only triggers would refuse the reset: this session skips triggers.
                await using (var replica = new NpgsqlCommand("SET session_replication_role = replica", connection))
                {
                    await replica.ExecuteNonQueryAsync();
                }
                await _respawner!.ResetAsync(connection);
                await using var signal = new NpgsqlCommand("UPDATE triage_signal SET \"Pending\" = false", connection);
                await signal.ExecuteNonQueryAsync();
                // Caches of the previous test's rows go with them.
                Service<Web.Jobs.Triage.CampaignLessons>().Invalidate();
                Service<Web.Statistics.PublicStatsCache>().Invalidate();
                await Service<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().EvictByTagAsync(Web.Infrastructure.PublicPageCache.StatsTag, default);
                File.Delete(CheckpointFile);
                // Files of the previous test go with its rows: every test starts with an empty storage folder.
                foreach (var file in Directory.EnumerateFiles(StorageFolder, "*", SearchOption.AllDirectories))
                {
                    File.Delete(file);
                }
                break;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                // A recurring job started meanwhile; try again.
            }
        }
        foreach (var mail in Directory.EnumerateFiles(MailFolder))
        {
            File.Delete(mail);
        }
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReferenceData>().EnsureAsync();
        // A test may have moved a kind to another regime (report_kinds is kept) or changed a regime: back to the start.
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var kind in Core.Reports.ReportKind.StartingList)
        {
            await db.ReportKinds.Where(k => k.Code == kind.Code).ExecuteUpdateAsync(u => u.SetProperty(k => k.RegimeCode, kind.RegimeCode));
        }
        foreach (var start in new[] { Core.Policy.LegalRegime.LettersAndVisitsDefaults(), Core.Policy.LegalRegime.SocialInsuranceFundsDefaults() })
        {
            var regime = await db.LegalRegimes.SingleAsync(r => r.Code == start.Code);
            (regime.NameZh, regime.NameEn, regime.Citation, regime.TransferRestartsClock) = (start.NameZh, start.NameEn, start.Citation, start.TransferRestartsClock);
            (regime.Acceptance, regime.AcceptanceNotice, regime.Conclusion) = (start.Acceptance, start.AcceptanceNotice, start.Conclusion);
            (regime.MaxExtension, regime.ReviewRequest, regime.ReviewAnswer) = (start.MaxExtension, start.ReviewRequest, start.ReviewAnswer);
        }
        await db.SaveChangesAsync();
        await Petitions.Web.Services.Regimes.LoadAsync(db, Service<Core.Policy.TimeLimitPolicy>(), CancellationToken.None);
        Service<Petitions.Web.Services.ReportKindCatalogue>().Forget();
        // The reset emptied Hangfire's tables too: the recurring jobs are registered again, as at start-up.
        JobsSetup.RegisterRecurringJobs(Services);
    }

    /// <summary>Creates a confirmed account in a role and returns it.</summary>
    public async Task<AppUser> CreateUserAsync(string email, string password, string role, string? name = null, string? unit = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, Unit = unit };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
        if (role is Roles.Officer or Roles.Supervisor or Roles.Admin or Roles.Analyst)
        {
            // Staff work with two-step sign-in; tests compute the codes (see SignInStaffAsync).
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        return user;
    }

    /// <summary>The current authenticator code of an account, as the person's phone would show it.</summary>
    public async Task<string> TotpCodeAsync(string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var key = await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!);
        return new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp();
    }

    /// <summary>Signs a staff member in through both steps (password, then the authenticator code).</summary>
    public async Task<HttpResponseMessage> SignInStaffAsync(FormClient client, string email, string password)
    {
        var first = await client.SignInAsync(email, password);
        var location = first.StatusCode == System.Net.HttpStatusCode.Redirect ? first.Headers.Location?.OriginalString : first.RequestMessage?.RequestUri?.PathAndQuery;
        if (location is null || !location.Contains("LoginWith2fa", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected the second step, got {location}.");
        }
        var page = await client.GetPageAsync(location);
        return await client.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Code"] = await UnusedTotpCodeAsync(email) });
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _usedCodes = new();

    /// <summary>
    /// The current code, or the next one if this one was already used for this account (the site accepts each
    /// code once, as a phone's authenticator would show a new one within 30 seconds).
    /// </summary>
    public async Task<string> UnusedTotpCodeAsync(string email)
    {
        var code = await TotpCodeAsync(email);
        if (_usedCodes.TryGetValue(email, out var used) && used == code)
        {
            await Wait.UntilAsync(async () => (code = await TotpCodeAsync(email)) != used, TimeSpan.FromSeconds(35));
        }
        _usedCodes[email] = code;
        return code;
    }

    public const string StaffPassword = "Staff-Pass-2026";

    /// <summary>Every rate-limited purpose, set out of reach for tests that do not test the limits themselves.</summary>
    public static readonly string[] UnlimitedRates = ["Filing", "FilingWithoutScript", "Navigation", "TrackingKey", "Replies", "SignIn", "Accounts", "SecondFactor"];

    /// <summary>A confirmed staff account bound to jurisdictions (region codes).</summary>
    public async Task<AppUser> CreateStaffAsync(string email, string role, string? name, string? unit, params string[] regionCodes)
    {
        var user = await CreateUserAsync(email, StaffPassword, role, name, unit);
        using var scope = Services.CreateScope();
        if (role == Roles.Oversight)
        {
            // Oversight readers sign in with two steps too.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(stored);
            await users.SetTwoFactorEnabledAsync(stored, true);
        }
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Jurisdictions.AddRange(regionCodes.Select(c => new StaffJurisdiction { UserId = user.Id, RegionCode = c }));
        await db.SaveChangesAsync();
        return user;
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public IBackgroundJobClient Jobs => Service<IBackgroundJobClient>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentExtensions.Testing);
        // The site runs as its own role, owning nothing; the migrations run as the database's owner.
        builder.UseSetting("ConnectionStrings:Petitions", Database.SiteConnectionString);
        builder.UseSetting("ConnectionStrings:PetitionsOwner", Database.ConnectionString);
        builder.UseSetting("Petitions:AccessKeySecret", AccessKeySecret);
        builder.UseSetting("Petitions:KeyProtectionCertificate", KeyProtection.Value);
        builder.UseSetting("Petitions:KeyProtectionCertificatePassword", KeyProtectionPassword);
        builder.UseSetting("Petitions:SeedDemo", "false");
        builder.UseSetting("Petitions:JobWorkers", "4");
        // Tests fold the statistics when they mean to (the fold or refresh job), never behind an assertion's back.
        builder.UseSetting("Jobs:StatsFold", Cron.Never());
        builder.UseSetting("Mail:PickupDirectory", MailFolder);
        builder.UseSetting("Storage:Root", StorageFolder);
        builder.UseSetting("Audit:CheckpointFile", CheckpointFile);
        // Every test request comes from one address; the limits themselves are tested with their own factory.
        foreach (var purpose in UnlimitedRates)
        {
            builder.UseSetting("RateLimits:" + purpose, "100000");
        }
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IDbContextFactoryLike, DbAccess>();
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>();
            services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<AppUser>>(PasswordHasher);
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(BeforeSave));
        });
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<CapturedLogs>(null, LogLevel.Debug);
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

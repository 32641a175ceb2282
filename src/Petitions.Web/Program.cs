using Petitions.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The web root is the repository's top-level wwwroot/, shared by every project.
    WebRootPath = WebRootLocator.Find(),
});

// Outside Development the logs are one JSON object per line, for a log collector; scopes (which hold request
// paths and connection ids) are left out, and nothing the site logs names a person or an address.
if (!builder.Environment.IsDevelopment())
{
    builder.Logging.ClearProviders();
    builder.Logging.AddJsonConsole(o =>
    {
        o.IncludeScopes = false;
        o.UseUtcTimestamp = true;
        o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
    });
}

builder.Services
    .AddPetitionsData(builder.Configuration)
    .AddReadReplica()
    .AddPetitionsIdentity(builder.Environment)
    .AddPetitionsLocalization()
    .AddPetitionsJobs(builder.Configuration)
    .AddPetitionsHealth()
    .AddPetitionsMetrics(builder.Configuration)
    .AddPetitionsCitizens()
    .AddPetitionsUseCases()
    .AddPetitionsSite(builder.Environment);

var app = builder.Build();

if (args is ["restore", var from, var secretsTo])
{
    // ./petitions restore DIR: into an empty database and storage folder, before any migration touches them.
    try
    {
        var passphrase = Environment.GetEnvironmentVariable("PETITIONS_BACKUP_PASSPHRASE") ?? throw new InvalidOperationException("Set PETITIONS_BACKUP_PASSPHRASE.");
        await BackupCommand.RestoreAsync(builder.Configuration.OwnerConnectionString(),
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Petitions.Web.Services.StorageOptions>>().Value.Root, from, passphrase, secretsTo);
        Console.WriteLine($"restored from {from}; secrets written to {secretsTo} / 已从 {from} 恢复；密钥已写入 {secretsTo}");
        return 0;
    }
    catch (InvalidOperationException ex)
    {
        Console.Error.WriteLine("restore refused: " + ex.Message);
        return 1;
    }
}
if (args is ["backup", var into])
{
    try
    {
        var passphrase = Environment.GetEnvironmentVariable("PETITIONS_BACKUP_PASSPHRASE") ?? throw new InvalidOperationException("Set PETITIONS_BACKUP_PASSPHRASE.");
        await BackupCommand.BackupAsync(app.Services, builder.Configuration.OwnerConnectionString(), into, passphrase);
        Console.WriteLine($"backup written to {into} / 备份已写入 {into}");
        return 0;
    }
    catch (InvalidOperationException ex)
    {
        Console.Error.WriteLine("backup refused: " + ex.Message);
        return 1;
    }
}

if (args is ["registers", "import", "--source", var source, var path])
{
    // ./petitions registers import --source SOURCE FILE (no web server, no jobs).
    await app.PrepareDatabaseAsync();
    return await RegistersCommand.RunAsync(app.Services, source, path);
}

if (args is ["registers", "run"])
{
    await app.PrepareDatabaseAsync();
    return await RegistersCommand.RunMatchingAsync(app.Services);
}
if (args is ["registers", "hits", var hitsFile])
{
    await app.PrepareDatabaseAsync();
    return await RegistersCommand.ExportHitsAsync(app.Services, hitsFile);
}

if (args is ["audit-verify", ..])
{
    // ./petitions audit-verify: checks the audit log's hash chain and exits (no web server, no jobs).
    await app.PrepareDatabaseAsync();
    return await AuditCommand.RunAsync(app.Services, args is [_, "--checkpoints", var lines, ..] ? lines : null);
}

await app.PrepareDatabaseAsync();
app.UsePetitionsPipeline();
app.UsePetitionsRecurringJobs();
app.MapPetitionsHealth();
app.MapPetitionsMetrics();
app.MapPetitionsDashboard();
app.MapPetitionsPages();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

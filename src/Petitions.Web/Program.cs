using Petitions.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The web root is the repository's top-level wwwroot/, shared by every project.
    WebRootPath = WebRootLocator.Find(),
});

builder.Services
    .AddPetitionsData(builder.Configuration)
    .AddPetitionsIdentity(builder.Environment)
    .AddPetitionsLocalization()
    .AddPetitionsJobs(builder.Configuration)
    .AddPetitionsHealth()
    .AddPetitionsMetrics()
    .AddPetitionsCitizens()
    .AddPetitionsUseCases()
    .AddPetitionsSite(builder.Environment);

var app = builder.Build();

if (args is ["audit-verify", ..])
{
    // ./petitions audit-verify: checks the audit log's hash chain and exits (no web server, no jobs).
    await app.PrepareDatabaseAsync();
    return await AuditCommand.RunAsync(app.Services);
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

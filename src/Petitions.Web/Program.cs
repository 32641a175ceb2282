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
    .AddPetitionsCitizens(builder.Configuration)
    .AddPetitionsSite(builder.Environment);

var app = builder.Build();

await app.PrepareDatabaseAsync();
app.UsePetitionsPipeline();
app.UsePetitionsRecurringJobs();
app.MapPetitionsHealth();
app.MapPetitionsDashboard();
app.MapPetitionsPages();

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

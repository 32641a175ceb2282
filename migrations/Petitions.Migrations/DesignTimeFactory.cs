using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Petitions.Data;

namespace Petitions.Migrations;

/// <summary>
/// Lets `dotnet ef` and the published migration bundle (`./migrate`) build the context without starting the site. A
/// migration may run two hours: rewriting the reports table at ten million reports takes minutes, not the 30 seconds a
/// command may take by default (the site's own migration on start-up allows the same).
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Petitions")
            ?? "Host=127.0.0.1;Port=55432;Database=petitions;Username=petitions";
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(connection, o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name).CommandTimeout(7200))
            .Options;
        return new AppDbContext(options);
    }
}

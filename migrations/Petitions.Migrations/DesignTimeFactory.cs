using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Petitions.Data;

namespace Petitions.Migrations;

/// <summary>Lets `dotnet ef` build the context without starting the site.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Petitions")
            ?? "Host=127.0.0.1;Port=55432;Database=petitions;Username=petitions";
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(connection, o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options;
        return new AppDbContext(options);
    }
}

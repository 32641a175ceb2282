using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Petitions.Testing;

namespace Petitions.Benchmarks;

/// <summary>The test site with production-like logging (warnings only, nothing captured), so logging does not skew figures.</summary>
public sealed class BenchFactory() : PetitionsFactory("bench", kestrel: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddConsole();
            logging.SetMinimumLevel(LogLevel.Warning);
        });
    }
}

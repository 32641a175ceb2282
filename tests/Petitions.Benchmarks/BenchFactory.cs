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
        // The bench rebuilds the statistics itself and times it; a scheduled rebuild in the middle of a
        // timing run would measure the refresh instead of the page.
        builder.UseSetting("Jobs:StatsRefresh", Hangfire.Cron.Never());
        // PETITIONS_BENCH_NO_JOBS: the form handler alone, without triage sharing the 2 cores.
        if (Environment.GetEnvironmentVariable("PETITIONS_BENCH_NO_JOBS") is not null)
        {
            builder.UseSetting("Petitions:RunJobServer", "false");
        }
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddConsole();
            logging.SetMinimumLevel(LogLevel.Warning);
            // The matching run's own timings (linking, each rule, the cases): counts and seconds, nothing about anyone.
            logging.AddFilter("Petitions.Web.UseCases.Matching.MatchingRun", LogLevel.Information);
            // The in-process test server cannot limit request sizes and says so on every upload form post;
            // Kestrel can, so the warning is the test host's, not the site's, and it would cost console time.
            logging.AddFilter("Microsoft.AspNetCore.Mvc.Filters.RequestSizeLimitFilter", LogLevel.Error);
            logging.AddFilter("Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware", LogLevel.Error);
        });
    }
}

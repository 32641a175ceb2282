using System.Diagnostics;
using System.Net;
using Petitions.Testing;

namespace Petitions.Web.Tests.Foundation;

/// <summary>
/// `./petitions publish` makes a release folder; started from it as its systemd unit would (its own working
/// directory, production settings from the environment), behind nginx with TLS, the site serves a report.
/// </summary>
public sealed class PublishTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task ThePublishedFolder_ServesBehindNginx_AndItsMigrationBundleFindsNothingToDo()
    {
        var repository = Path.GetDirectoryName(Infrastructure.WebRootLocator.Find())!;
        var output = Path.Combine(Path.GetTempPath(), "petitions-publish-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, log) = await RunAsync(Path.Combine(repository, "petitions"), repository, new Dictionary<string, string>(), "publish", output);
            Assert.True(code == 0, log);
            Assert.True(File.Exists(Path.Combine(output, "site", "Petitions.Web.dll")));
            Assert.True(File.Exists(Path.Combine(output, "site", "wwwroot", "lib", "bootstrap", "bootstrap.min.css")));
            Assert.Contains("ExecStart=/usr/bin/dotnet /opt/petitions/site/Petitions.Web.dll", await File.ReadAllTextAsync(Path.Combine(output, "petitions.service")), StringComparison.Ordinal);
            Assert.DoesNotContain(PetitionsFactory.AccessKeySecret, await File.ReadAllTextAsync(Path.Combine(output, "petitions.env.sample")), StringComparison.Ordinal);

            // The migration bundle, run against the (already migrated) database, applies nothing and succeeds.
            var (migrated, migrateLog) = await RunAsync(Path.Combine(output, "migrate"), output,
                new Dictionary<string, string> { ["ConnectionStrings__Petitions"] = Factory.Database.ConnectionString });
            Assert.True(migrated == 0, migrateLog);

            await using var site = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort(),
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, Path.Combine(output, "site"));
            await using var proxy = await ReverseProxy.StartAsync([site.Root]);
            var client = new FormClient(proxy.ClientFrom("127.0.0.2"));
            using (var home = await client.Http.GetAsync("/"))
            {
                Assert.Equal(HttpStatusCode.OK, home.StatusCode);
                Assert.Contains("/lib/bootstrap/bootstrap.min.css", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            using (var css = await client.Http.GetAsync("/lib/bootstrap/bootstrap.min.css"))
            {
                Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            }
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/ready")).StatusCode);
            var receipt = await FormClient.ParseAsync(await Filing.PostAsync(client, Filing.ValidFields()));
            Assert.NotNull(receipt.QuerySelector("#tracking-number"));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, true);
            }
        }
    }

    private static async Task<(int Code, string Log)> RunAsync(string file, string directory, IDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A publish builds the site and a migration bundle: over five minutes once, on two cores shared with a benchmark.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}

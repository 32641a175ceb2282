using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Petitions.Testing;

/// <summary>
/// The site as a real process (the Release build of src/Petitions.Web, as `./petitions test` builds it) against
/// a test database, for tests that restart it, kill it or run two of it. Output is kept for failure messages.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    public Uri Root { get; }

    private SiteProcess(Process process, Uri root)
    {
        _process = process;
        Root = root;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }

    public string Output => string.Join('\n', _output);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the site on <paramref name="port"/> with the factory's database, folders and secrets, and waits until /health answers.</summary>
    public static async Task<SiteProcess> StartAsync(PetitionsFactory factory, int port, IDictionary<string, string>? settings = null, string? publishedSite = null)
    {
        var repository = Path.GetDirectoryName(Web.Infrastructure.WebRootLocator.Find() ?? throw new InvalidOperationException("Run from the repository."))!;
        // A published release folder runs from itself, as its systemd unit starts it; otherwise the build output.
        var dll = publishedSite is null
            ? Path.Combine(repository, "src", "Petitions.Web", "bin", "Release", "net10.0", "Petitions.Web.dll")
            : Path.Combine(publishedSite, "Petitions.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution in Release first (./petitions test does).");
        }
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = publishedSite ?? Path.Combine(repository, "src", "Petitions.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__Petitions"] = factory.Database.ConnectionString,
            ["Petitions__AccessKeySecret"] = PetitionsFactory.AccessKeySecret,
            ["Petitions__KeyProtectionCertificate"] = PetitionsFactory.KeyProtection.Value,
            ["Petitions__KeyProtectionCertificatePassword"] = PetitionsFactory.KeyProtectionPassword,
            ["Petitions__SeedDemo"] = "false",
            ["Petitions__MigrateOnStartup"] = "false",
            ["Mail__PickupDirectory"] = factory.MailFolder,
            ["Storage__Root"] = factory.StorageFolder,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var purpose in PetitionsFactory.UnlimitedRates)
        {
            environment["RateLimits__" + purpose] = "100000";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var site = new SiteProcess(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await Wait.UntilAsync(async () => site._process.HasExited || await IsHealthyAsync(site.Root), TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("The site did not become healthy in 60 s:\n" + site.Output);
        }
        if (site._process.HasExited)
        {
            throw new InvalidOperationException("The site exited at start:\n" + site.Output);
        }
        return site;
    }

    /// <summary>True when the site answers /health with success (database and job storage reachable).</summary>
    public static async Task<bool> IsHealthyAsync(Uri root)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(new Uri(root, "/health"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flushing, as in a power cut.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }
}

using System.Diagnostics;
using Npgsql;

namespace Petitions.Testing;

/// <summary>
/// A second PostgreSQL cluster in a temporary folder on a free port, run as the postgres user when the tests run as
/// root (the server refuses root): either a streaming standby of the test server (pg_basebackup -R, as ./petitions run
/// --replica does for the private cluster) or a new, empty cluster (initdb), as on a machine rebuilt after a loss.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private bool _running;

    private LocalCluster(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    private static NpgsqlConnectionStringBuilder Primary => new(TestDatabase.Server);

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(TestDatabase.Server) { Host = "127.0.0.1", Port = Port, Database = database, Pooling = false }.ConnectionString;

    /// <summary>The site's read connection: the standby first, the primary when the standby is down.</summary>
    public string ReadConnectionString(string database)
    {
        var primary = Primary;
        return new NpgsqlConnectionStringBuilder(TestDatabase.Server)
        {
            Host = $"127.0.0.1:{Port},{primary.Host}:{primary.Port}",
            Port = primary.Port,
            Database = database,
            TargetSessionAttributes = "prefer-standby",
        }.ConnectionString;
    }

    private static async Task<LocalCluster> NewAsync(string purpose)
    {
        var bin = Environment.GetEnvironmentVariable("PETITIONS_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        var folder = Directory.CreateTempSubdirectory($"petitions-{purpose}-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", folder]);
        }
        return new LocalCluster(bin, folder, SiteProcess.FreePort());
    }

    private async Task StartAsync()
    {
        await AsOwnerAsync("pg_ctl", ["-D", _folder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start"]);
        _running = true;
    }

    /// <summary>An empty cluster with the test server's superuser and password.</summary>
    public static async Task<LocalCluster> StartEmptyAsync()
    {
        var cluster = await NewAsync("cluster");
        var primary = Primary;
        var passwordFile = Path.Combine(cluster._folder, "..", Path.GetFileName(cluster._folder) + ".pw");
        await File.WriteAllTextAsync(passwordFile, primary.Password);
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", ["postgres:postgres", passwordFile]);
            }
            await cluster.AsOwnerAsync("initdb", ["-D", cluster._folder, "-U", primary.Username!, "--pwfile=" + passwordFile,
                "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"]);
        }
        finally
        {
            File.Delete(passwordFile);
        }
        await File.AppendAllTextAsync(Path.Combine(cluster._folder, "postgresql.conf"),
            $"\nlisten_addresses = '127.0.0.1'\nport = {cluster.Port}\nunix_socket_directories = ''\n");
        await cluster.StartAsync();
        return cluster;
    }

    /// <summary>A streaming standby of the test server, once it streams.</summary>
    public static async Task<LocalCluster> StartStandbyAsync()
    {
        var standby = await NewAsync("standby");
        var primary = Primary;
        await standby.AsOwnerAsync("pg_basebackup", ["-h", primary.Host!, "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", primary.Username!, "-D", standby._folder, "-R", "-X", "stream", "-c", "fast"], primary.Password);
        await File.AppendAllTextAsync(Path.Combine(standby._folder, "postgresql.conf"), $"\nport = {standby.Port}\nhot_standby = on\n");
        await standby.StartAsync();
        // Streaming once its WAL receiver runs.
        await Wait.UntilAsync(async () => await standby.ScalarAsync<long>("postgres", "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'") == 1,
            TimeSpan.FromSeconds(30));
        return standby;
    }

    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops it at once, as a crash would.</summary>
    public async Task StopAsync()
    {
        if (_running)
        {
            await AsOwnerAsync("pg_ctl", ["-D", _folder, "stop", "-m", "immediate", "-w"]);
            _running = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsOwnerAsync(string tool, IEnumerable<string> arguments, string? password = null)
    {
        var path = Path.Combine(_bin, tool);
        // runuser keeps the environment, so the password travels in PGPASSWORD, not on a command line.
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], password) : RunAsync(path, arguments, password);
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments, string? password = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (password is not null)
        {
            info.Environment["PGPASSWORD"] = password;
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}

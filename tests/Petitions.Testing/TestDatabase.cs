using Npgsql;

namespace Petitions.Testing;

/// <summary>
/// A throwaway database on the server named by PETITIONS_TEST_SERVER (set by ./petitions test),
/// created for one test run and dropped at its end.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _server;

    private TestDatabase(string server, string name, bool kept = false)
    {
        _server = server;
        Name = name;
        Kept = kept;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>A database kept by an earlier benchmark and reused: never dropped, whatever the environment says later.</summary>
    public bool Kept { get; }
    public string ConnectionString { get; }

    public static string Server =>
        Environment.GetEnvironmentVariable("PETITIONS_TEST_SERVER")
        ?? throw new InvalidOperationException("PETITIONS_TEST_SERVER is not set: run the tests with ./petitions test.");

    /// <summary>The login the site runs as in tests: a member of petitions_site, owning nothing (the migrations grant it rows).</summary>
    public const string SiteLogin = "petitions_test_web";

    /// <summary>The same database as the site's own role: reads and writes rows, owns no table.</summary>
    public string SiteConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Username = SiteLogin }.ConnectionString;

    public static async Task<TestDatabase> CreateAsync(string purpose)
    {
        // PETITIONS_TEST_REUSE_DB: a database kept by an earlier benchmark (PETITIONS_BENCH_KEEP_DB), measured again as it is.
        if (Environment.GetEnvironmentVariable("PETITIONS_TEST_REUSE_DB") is { Length: > 0 } kept)
        {
            var existing = new TestDatabase(Server, kept, kept: true);
            await existing.EnsureSiteRoleAsync();
            return existing;
        }
        var name = $"petitions_test_{purpose}_{Guid.NewGuid():N}"[..48].ToLowerInvariant();
        var db = new TestDatabase(Server, name);
        await db.ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        await db.EnsureSiteRoleAsync();
        return db;
    }

    /// <summary>The group role the migrations grant to, and the test login in it (password: the server's own), once per cluster.</summary>
    private async Task EnsureSiteRoleAsync()
    {
        var password = (new NpgsqlConnectionStringBuilder(_server).Password ?? "").Replace("'", "''", StringComparison.Ordinal);
        try
        {
            await ExecuteOnServerAsync($"""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'petitions_site') THEN CREATE ROLE petitions_site NOLOGIN; END IF;
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{SiteLogin}') THEN
                        CREATE ROLE {SiteLogin} LOGIN PASSWORD '{password}' IN ROLE petitions_site;
                    END IF;
                END $$;
                """);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
        {
            // Another test project created it at the same moment.
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Kept)
        {
            return; // a kept database (a seed of ten million took half an hour) is never dropped by a run that reused it
        }
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The data of the whole database as pg_dump writes it (INSERT statements): what a thief of a dump reads.</summary>
    public async Task<string> DumpAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var bin = Environment.GetEnvironmentVariable("PETITIONS_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(bin, "pg_dump"))
        {
            ArgumentList = { "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username!, "--data-only", "--inserts", builder.Database! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = builder.Password },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException("pg_dump failed: " + await process.StandardError.ReadToEndAsync());
    }
}

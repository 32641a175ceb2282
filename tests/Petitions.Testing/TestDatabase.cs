using Npgsql;

namespace Petitions.Testing;

/// <summary>
/// A throwaway database on the server named by PETITIONS_TEST_SERVER (set by ./petitions test),
/// created for one test run and dropped at its end.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _server;

    private TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static string Server =>
        Environment.GetEnvironmentVariable("PETITIONS_TEST_SERVER")
        ?? throw new InvalidOperationException("PETITIONS_TEST_SERVER is not set: run the tests with ./petitions test.");

    public static async Task<TestDatabase> CreateAsync(string purpose)
    {
        var name = $"petitions_test_{purpose}_{Guid.NewGuid():N}"[..48].ToLowerInvariant();
        var db = new TestDatabase(Server, name);
        await db.ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
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
}

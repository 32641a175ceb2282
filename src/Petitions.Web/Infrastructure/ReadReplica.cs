using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;
using Petitions.Data;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// Where reads that may be a few seconds old go: a PostgreSQL streaming standby named by
/// <c>ConnectionStrings:PetitionsRead</c> (an Npgsql multi-host string with <c>Target Session Attributes=prefer-standby</c>
/// is the recommended form: when the standby is down, Npgsql opens the primary instead).
/// </summary>
public sealed class ReadReplicaOptions
{
    public const string Section = "ReadReplica";
    public const string ConnectionName = "PetitionsRead";

    /// <summary>How old the standby's data may be before reads go back to the primary.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.0, 3600.0)]
    public double MaxLagSeconds { get; set; } = 10;

    /// <summary>How often the standby's lag is measured (one tiny query; every reader shares the answer).</summary>
    [System.ComponentModel.DataAnnotations.Range(0.0, 600.0)]
    public double CheckEverySeconds { get; set; } = 2;
}

/// <summary>
/// The standby's own connection pool and its freshness. Only queries marked as reads use it (statistics, exports,
/// the public page's figures, the queue's list); writes, the audit chain and every transaction stay on the primary.
/// The lag is measured on the standby: zero when it has replayed all it received, else the time since the last
/// transaction it replayed; a standby that receives nothing (its WAL receiver stopped) or does not answer counts as
/// unusable until the next check, and so does a read connection that landed on a primary (the multi-host fallback).
/// </summary>
public sealed class ReadReplica : IDisposable
{
    // NULL when the server is not a standby (a multi-host string fell back to the primary: the primary's own pool
    // serves then) or receives nothing.
    private const string LagQuery = """
        SELECT CASE
          WHEN NOT pg_is_in_recovery() THEN NULL
          WHEN NOT EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN NULL
          WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
          ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 END
        """;

    private readonly PooledDbContextFactory<AppDbContext>? _factory;
    private readonly string? _connection;
    private readonly ReadReplicaOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReadReplica> _logger;
    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly Meter _meter = new(PetitionsMetrics.MeterName);
    private readonly Counter<long> _reads;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;
    private volatile bool _fresh;
    private double _lagSeconds = -1;

    public ReadReplica(IConfiguration configuration, IOptions<ReadReplicaOptions> options, TimeProvider clock, ILogger<ReadReplica> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _connection = configuration.GetConnectionString(ReadReplicaOptions.ConnectionName);
        if (!string.IsNullOrWhiteSpace(_connection))
        {
            _connection = DataSetup.Tuned(_connection);
            var builder = new DbContextOptionsBuilder<AppDbContext>()
                .UseNpgsql(_connection, npgsql => npgsql.EnableRetryOnFailure(3))
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning));
            _factory = new PooledDbContextFactory<AppDbContext>(builder.Options);
        }
        _reads = _meter.CreateCounter<long>("petitions.reads", description: "Read-only queries' contexts, by the server that served them (replica or primary).");
        _meter.CreateObservableGauge("petitions.replica.lag", () => _lagSeconds, "s", "The standby's replay lag at the last check (-1 when none or unreachable).");
    }

    public bool Configured => _factory is not null;

    /// <summary>True when the standby answered its last check and was within the allowed lag.</summary>
    public async Task<bool> IsFreshAsync(CancellationToken ct)
    {
        if (_factory is null)
        {
            return false;
        }
        if (_clock.GetUtcNow() - _checkedAt < TimeSpan.FromSeconds(_options.CheckEverySeconds))
        {
            return _fresh;
        }
        // One reader measures; the others use the last answer meanwhile.
        if (!await _checking.WaitAsync(0, ct))
        {
            return _fresh;
        }
        try
        {
            var lag = await MeasureAsync(ct);
            _lagSeconds = lag ?? -1;
            var fresh = lag is { } l && l <= _options.MaxLagSeconds;
            if (fresh != _fresh)
            {
                _logger.Log(fresh ? LogLevel.Information : LogLevel.Warning, "Read replica {State} (lag {Lag} s, allowed {Allowed} s)",
                    fresh ? "in use" : "not used: reads go to the primary", lag is null ? "unknown" : Math.Round(lag.Value, 1), _options.MaxLagSeconds);
            }
            _fresh = fresh;
            _checkedAt = _clock.GetUtcNow();
            return fresh;
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task<double?> MeasureAsync(CancellationToken ct)
    {
        try
        {
            var probe = new NpgsqlConnectionStringBuilder(_connection) { Timeout = 3, CommandTimeout = 3 };
            await using var connection = new NpgsqlConnection(probe.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(LagQuery, connection);
            var value = await command.ExecuteScalarAsync(ct);
            return value is double d ? Math.Max(0, d) : null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            _logger.LogWarning("Read replica unreachable: {Reason}", e.GetType().Name);
            return null;
        }
    }

    internal AppDbContext Lease() => _factory!.CreateDbContext();

    internal void Count(bool replica) =>
        _reads.Add(1, new KeyValuePair<string, object?>("server", replica ? "replica" : "primary"));

    public void Dispose()
    {
        _meter.Dispose();
        _checking.Dispose();
    }
}

/// <summary>
/// A request's context for reads that may be slightly stale: the standby's when it is configured and fresh, the
/// request's own (primary) context otherwise. Never for a read that decides a write.
/// </summary>
public sealed class ReadDb(AppDbContext primary, ReadReplica replica) : IAsyncDisposable
{
    private AppDbContext? _chosen;
    private AppDbContext? _lease;

    public async ValueTask<AppDbContext> GetAsync(CancellationToken ct)
    {
        if (_chosen is not null)
        {
            return _chosen;
        }
        var useReplica = await replica.IsFreshAsync(ct);
        replica.Count(useReplica);
        _chosen = useReplica ? _lease = replica.Lease() : primary;
        return _chosen;
    }

    public async ValueTask DisposeAsync()
    {
        if (_lease is not null)
        {
            await _lease.DisposeAsync();
        }
    }
}

public static class ReadReplicaSetup
{
    public static IServiceCollection AddReadReplica(this IServiceCollection services)
    {
        services.AddOptions<ReadReplicaOptions>().BindConfiguration(ReadReplicaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReadReplica>();
        services.AddScoped<ReadDb>();
        return services;
    }
}

using System.Text.RegularExpressions;
using Npgsql;

namespace ReferralFlow.Testing;

/// <summary>
/// A PostgreSQL server for tests. Uses the server in <c>REFERRALFLOW_TEST_POSTGRES</c> (an admin connection string) when
/// set; otherwise starts a throwaway cluster from the installed binaries (<c>initdb</c>/<c>pg_ctl</c> on PATH or under
/// <c>/usr/lib/postgresql/*/bin</c>) in a temp directory, on a free loopback port, with trust auth and (unless asked to be durable) fsync off.
/// Dispose stops it and deletes the directory. Share one per test assembly and give each test its own database.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    /// <summary>The environment variable naming an existing server to use instead of starting one.</summary>
    public const string ConnectionStringVariable = "REFERRALFLOW_TEST_POSTGRES";

    private readonly LocalCluster? _cluster;
    private readonly List<string> _createdDatabases = [];
    private readonly Lock _gate = new();

    private PostgresServer(string adminConnectionString, LocalCluster? cluster)
    {
        AdminConnectionString = adminConnectionString;
        _cluster = cluster;
    }

    /// <summary>A connection string to the <c>postgres</c> maintenance database as a superuser.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when this object started the cluster (and will stop it).</summary>
    public bool IsLocalCluster => _cluster is not null;

    /// <summary>The throwaway cluster's server log so far (empty for an external server).</summary>
    public string ReadServerLog() => _cluster?.ReadLog() ?? string.Empty;

    /// <summary>Uses the configured server, or starts a local cluster and waits until it accepts connections.</summary>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <exception cref="PostgresUnavailableException">No configured server and the server binaries cannot be found or fail to start.</exception>
    public static Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(durable: false, cancellationToken);

    /// <summary>As <see cref="StartAsync(CancellationToken)"/>; a local cluster started <paramref name="durable"/> keeps
    /// fsync, synchronous commit and full-page writes on (benchmarks that compare against a production server).</summary>
    /// <param name="durable">Whether a local cluster commits durably; a configured server is used as it is.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<PostgresServer> StartAsync(bool durable, CancellationToken cancellationToken = default)
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await WaitUntilAcceptingAsync(configured, TimeSpan.FromSeconds(30), null, cancellationToken);
            return new PostgresServer(configured, null);
        }

        var cluster = await LocalCluster.StartAsync(durable, cancellationToken);
        try
        {
            await WaitUntilAcceptingAsync(cluster.AdminConnectionString, TimeSpan.FromSeconds(60), cluster, cancellationToken);
            return new PostgresServer(cluster.AdminConnectionString, cluster);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    /// <param name="name">Lower-case letters, digits and underscores; must be unique on the server.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a safe database name (use [a-z_][a-z0-9_]{{0,62}}).", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_gate)
        {
            _createdDatabases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the local cluster and deletes its directory; on a configured server, drops the databases this object created.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            return;
        }

        string[] databases;
        lock (_gate)
        {
            databases = [.. _createdDatabases];
        }

        foreach (var name in databases)
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task WaitUntilAcceptingAsync(string connectionString, TimeSpan timeout, LocalCluster? cluster, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Exception? last = null;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(deadline.Token);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                last = ex;
            }
        }
        while (await WaitForNextTick(poll, deadline.Token));

        cancellationToken.ThrowIfCancellationRequested();
        throw new PostgresUnavailableException(
            $"PostgreSQL at {builder.Host}:{builder.Port} did not accept connections within {timeout.TotalSeconds:0} s: {last?.Message}"
            + (cluster is null ? string.Empty : $"\nServer log:\n{cluster.ReadLog()}"),
            last);
    }

    private static async Task<bool> WaitForNextTick(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}

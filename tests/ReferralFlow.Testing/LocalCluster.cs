using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ReferralFlow.Testing;

/// <summary>A throwaway PostgreSQL cluster in a temp directory, started with <c>pg_ctl</c> and stopped on dispose.</summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly PostgresBinaries _binaries;
    private readonly string _root;
    private readonly bool _runAsPostgres;
    private int _stopped;

    private LocalCluster(PostgresBinaries binaries, string root, bool runAsPostgres, int port)
    {
        _binaries = binaries;
        _root = root;
        _runAsPostgres = runAsPostgres;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;

        // Safety net for a test host that exits without disposing: a leaked postmaster would outlive the run.
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    public string AdminConnectionString { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "server.log");

    /// <param name="durable">Keep PostgreSQL's defaults (fsync, synchronous commit, full-page writes on), as a production
    /// server runs; otherwise all three are off, which tests do not need and which makes commits nearly free.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<LocalCluster> StartAsync(bool durable, CancellationToken cancellationToken)
    {
        var binaries = PostgresBinaries.Find();
        var root = Directory.CreateTempSubdirectory("referralflow-pg-").FullName;

        // initdb refuses to run as root, so as root the server runs as the 'postgres' system user.
        var runAsPostgres = Environment.IsPrivilegedProcess;
        try
        {
            if (runAsPostgres)
            {
                var (chownExit, chownOutput) = await ProcessRunner.RunAsync("chown", ["postgres:postgres", root], root, CommandTimeout, cancellationToken);
                if (chownExit != 0)
                {
                    throw new PostgresUnavailableException(
                        $"Running as root, the test cluster must run as the 'postgres' system user (initdb refuses root), but chown failed:\n{chownOutput}"
                        + "Create the user (useradd --system postgres) or set " + PostgresServer.ConnectionStringVariable + ".");
                }
            }

            var dataDirectory = Path.Combine(root, "data");
            var (initExit, initOutput) = await RunAsync(runAsPostgres, root, binaries.InitDb,
                ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], cancellationToken);
            if (initExit != 0)
            {
                throw new PostgresUnavailableException($"initdb failed (exit code {initExit}):\n{initOutput}");
            }

            // A free port can be taken between probing and binding; pg_ctl -w then fails fast and another port is tried.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreeLoopbackPort();
                var options = $"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={root} -c max_connections=200"
                    + (durable ? string.Empty : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
                var logFile = Path.Combine(root, "server.log");
                var (exitCode, output) = await RunAsync(runAsPostgres, root, binaries.PgCtl,
                    ["-D", dataDirectory, "-l", logFile, "-o", options, "-w", "-t", "60", "start"], cancellationToken);
                if (exitCode == 0)
                {
                    return new LocalCluster(binaries, root, runAsPostgres, port);
                }

                // A server that came up too slowly for -t would hold the data directory; stop it before trying again.
                await RunAsync(runAsPostgres, root, binaries.PgCtl, ["-D", dataDirectory, "-m", "immediate", "-w", "stop"], cancellationToken);
                if (attempt == 3)
                {
                    var log = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile, cancellationToken) : "(no log)";
                    throw new PostgresUnavailableException($"pg_ctl could not start PostgreSQL (exit code {exitCode}):\n{output}\nServer log:\n{log}");
                }
            }
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    public string ReadLog()
    {
        try
        {
            return File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log)";
        }
        catch (IOException ex)
        {
            return $"(log unreadable: {ex.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        await TryRunAsync(_binaries.PgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        TryDelete(_root);
    }

    private void StopOnExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            TryRunAsync(_binaries.PgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None)
                .GetAwaiter().GetResult();
            TryDelete(_root);
        }
    }

    private Task<(int ExitCode, string Output)> TryRunAsync(string program, string[] arguments, CancellationToken cancellationToken) =>
        RunAsync(_runAsPostgres, _root, program, arguments, cancellationToken);

    private static Task<(int ExitCode, string Output)> RunAsync(
        bool runAsPostgres, string root, string program, string[] arguments, CancellationToken cancellationToken) =>
        runAsPostgres
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], root, CommandTimeout, cancellationToken)
            : ProcessRunner.RunAsync(program, arguments, root, CommandTimeout, cancellationToken);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp directory must not fail the test run.
        }
    }
}

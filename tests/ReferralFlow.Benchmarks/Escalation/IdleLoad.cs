using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using netDumbster.smtp;
using Npgsql;
using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Benchmarks.Escalation;

/// <summary>
/// What one idle host costs its database: a throwaway cluster with <c>log_statement = all</c> for the host's database
/// only, the real host (Hangfire server, due-work scheduler, demo data, SMTP configured) left alone for a settling
/// period, then counted for the measured window — statements from the server log, commits from
/// <c>pg_stat_database.xact_commit</c>, and the host process's resident memory.
/// </summary>
internal static partial class IdleLoad
{
    public static async Task<int> RunAsync(TimeSpan window, TimeSpan settle) => await MeasureAsync(window, settle) is null ? 2 : 0;

    /// <summary>Runs the idle measurement and prints it; null when there is no throwaway cluster to read the log of.</summary>
    public static async Task<IdleResult?> MeasureAsync(TimeSpan window, TimeSpan settle)
    {
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var postgres = await BenchCluster.StartAsync();
        if (!postgres.IsLocalCluster)
        {
            Console.Error.WriteLine("idle needs the throwaway cluster (its server log); unset REFERRALFLOW_TEST_POSTGRES.");
            return null;
        }

        var database = $"idle_{Guid.NewGuid():N}";
        var connectionString = await postgres.CreateDatabaseAsync(database);
        Console.WriteLine(await BenchCluster.DescribeAsync(connectionString));
        await using (var admin = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"ALTER DATABASE {database} SET log_statement = 'all'", admin);
            await command.ExecuteNonQueryAsync();
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_REFERRALFLOW_HOST", EscalationLoad.HostContentRoot());
        await using var host = new WebApplicationFactory<UnitOfWork>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Database:Provider", "PostgreSql");
            b.UseSetting("ConnectionStrings:ReferralFlow", connectionString);
            b.UseSetting("Demo:Seed", "true");
            b.UseSetting("Mail:Smtp:Host", "127.0.0.1");
            b.UseSetting("Mail:Smtp:Port", smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Mail:Smtp:Security", "None");
        });
        _ = host.Server;
        Console.WriteLine($"host started; settling {settle.TotalSeconds:F0} s, then measuring {window.TotalSeconds:F0} s");
        await Task.Delay(settle);

        var statementsBefore = CountStatements(postgres.ReadServerLog());
        var commitsBefore = await CommitsAsync(postgres.AdminConnectionString, database);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        var seconds = clock.Elapsed.TotalSeconds;
        var log = postgres.ReadServerLog();
        var statements = CountStatements(log) - statementsBefore;
        var commits = await CommitsAsync(postgres.AdminConnectionString, database) - commitsBefore;
        var rss = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024.0);

        Console.WriteLine($"idle host on PostgreSQL, {seconds:F0} s after {settle.TotalSeconds:F0} s of settling:");
        Console.WriteLine($"  statements/s {statements / seconds:F2} ({statements} logged)");
        Console.WriteLine($"  commits/s    {commits / seconds:F2} ({commits} in pg_stat_database.xact_commit of its database; backends report them with a short delay)");
        Console.WriteLine($"  RSS          {rss:F0} MB (this process: host, Hangfire server and benchmark)");
        foreach (var (statement, count) in TopStatements(log, statementsBefore).Take(8))
        {
            Console.WriteLine($"  {count,5} × {statement}");
        }

        return new IdleResult(statements / seconds, commits / seconds, rss);
    }

    private static async Task<long> CommitsAsync(string adminConnectionString, string database)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        // The counters are flushed by each backend now and then; ask for a fresh snapshot.
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection))
        {
            await clear.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = @d", connection);
        command.Parameters.AddWithValue("d", database);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    private static int CountStatements(string log) => StatementLine().Matches(log).Count;

    private static IEnumerable<(string Statement, int Count)> TopStatements(string log, int skip) =>
        StatementLine().Matches(log).Skip(skip)
            .Select(m => Whitespace().Replace(m.Groups["sql"].Value, " ").Trim())
            .Select(s => s.Length > 90 ? s[..90] : s)
            .GroupBy(s => s).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2);

    // Simple protocol logs "statement: …", extended protocol (Npgsql) "execute <name>: …".
    [GeneratedRegex(@"LOG:\s+(?:statement|execute [^:]*):\s*(?<sql>.*)")]
    private static partial Regex StatementLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>One idle host's cost to its database over the measured window.</summary>
internal sealed record IdleResult(double StatementsPerSecond, double CommitsPerSecond, double RssMb);

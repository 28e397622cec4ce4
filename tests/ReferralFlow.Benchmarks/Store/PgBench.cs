using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace ReferralFlow.Benchmarks.Store;

/// <summary>
/// The yardstick of issue 18: <c>pgbench -N</c> (one UPDATE, one SELECT, one INSERT per transaction) on the same cluster
/// right after the store run, with the same number of clients, so "commands/s" can be read as a share of what the server
/// does for a minimal C client.
/// </summary>
internal static partial class PgBench
{
    public static async Task<double?> RunAsync(string adminConnectionString, int clients, TimeSpan duration)
    {
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString);
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE rf_pgbench", connection);
            await create.ExecuteNonQueryAsync();
        }

        string[] target = ["-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username ?? "postgres"];
        if (await RunAsync(["-i", "-q", "-s", "10", .. target, "rf_pgbench"]) is not { ExitCode: 0 })
        {
            Console.WriteLine("  pgbench: not found or initialisation failed; skipped");
            return null;
        }

        var threads = Math.Max(1, Math.Min(clients, Environment.ProcessorCount));
        var args = new[] { "-N", "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", threads.ToString(CultureInfo.InvariantCulture),
            "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) };
        var before = await ServerCounters.TakeAsync(adminConnectionString);
        var run = await RunAsync([.. args, .. target, "rf_pgbench"]);
        var after = await ServerCounters.TakeAsync(adminConnectionString);
        var tps = run?.ExitCode == 0 ? Tps().Match(run.Value.Output) : Match.Empty;
        if (!tps.Success)
        {
            Console.WriteLine($"  pgbench: no result ({run?.Output.Trim()})");
            return null;
        }

        var value = double.Parse(tps.Groups["tps"].Value, CultureInfo.InvariantCulture);
        Console.WriteLine($"  pgbench {string.Join(' ', args)} (scale 10) on the same cluster: {value:N0} transactions/s");
        ServerCounters.Report("per pgbench transaction", before, after, (int)(value * duration.TotalSeconds));
        return value;
    }

    private static async Task<(int ExitCode, string Output)?> RunAsync(string[] arguments)
    {
        var info = new ProcessStartInfo(Executable()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    // The server's own pgbench when the cluster binaries are there, so client and server are the same version.
    private static string Executable() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")).Where(File.Exists).Order(StringComparer.Ordinal).LastOrDefault() ?? "pgbench"
            : "pgbench";

    [GeneratedRegex(@"tps = (?<tps>[0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}

using Npgsql;

namespace ReferralFlow.Benchmarks.Store;

/// <summary>
/// What a run cost outside this process: WAL bytes the cluster wrote and CPU time the whole machine spent (client,
/// PostgreSQL backends and everything else, from /proc/stat), so a command's cost can be compared with the machine's cores.
/// </summary>
public sealed record ServerCounters(long WalBytes, TimeSpan MachineBusy, TimeSpan MachineTotal)
{
    public static async Task<ServerCounters> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var wal = new NpgsqlCommand("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn", connection);
        var walBytes = Convert.ToInt64(await wal.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var (busy, total) = MachineCpu();
        return new ServerCounters(walBytes, busy, total);
    }

    public static void Report(string label, ServerCounters before, ServerCounters after, int units)
    {
        var busy = after.MachineBusy - before.MachineBusy;
        var total = after.MachineTotal - before.MachineTotal;
        Console.WriteLine($"  {label}: {(after.WalBytes - before.WalBytes) / (double)units:N0} WAL bytes, " +
            $"{busy.TotalMilliseconds / units:N2} ms CPU on the whole machine ({Environment.ProcessorCount} cores " +
            $"{(total > TimeSpan.Zero ? busy / total : 0):P0} busy)");
    }

    // The first line of /proc/stat: cumulative jiffies per state over all cores; idle and iowait are not busy.
    private static (TimeSpan Busy, TimeSpan Total) MachineCpu()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        var idle = fields[3] + fields[4];
        const double MsPerJiffy = 10;
        return (TimeSpan.FromMilliseconds((total - idle) * MsPerJiffy), TimeSpan.FromMilliseconds(total * MsPerJiffy));
    }
}

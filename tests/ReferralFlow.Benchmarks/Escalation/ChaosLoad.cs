using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Testing;

namespace ReferralFlow.Benchmarks.Escalation;

/// <summary>
/// Issue 18's chaos runs: two host processes on one throwaway cluster and a real SMTP server in this process; the
/// referrals are opened by a third, in-process host without a job server (as a web request would). Each run gets a
/// database of its own and one fault: (a) SIGKILL of one host while mails go out, (b) the SMTP server stopped for 15 s
/// and started again on the same port, (c) SIGKILL of one host while it holds escalation claims (its sweep's
/// <c>FOR UPDATE SKIP LOCKED</c> transaction, seen in <c>pg_stat_activity</c>). Counted per run: lost (expected minus
/// distinct Message-Ids received), duplicates (a Message-Id received again), outbox rows that show a resend
/// (attempts &gt; 1) and level-1 latency after the due time.
/// </summary>
internal static class ChaosLoad
{
    private static readonly TimeSpan[] LevelOffsets = [TimeSpan.Zero, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6)];

    private static readonly (string Name, Func<Scenario, Task<string>> Fault)[] Faults =
    [
        ("(a) kill -9 of a host while mails go out", KillWhileSendingAsync),
        ("(b) 15 s SMTP outage", OutageAsync),
        ("(c) kill -9 of a host during its escalation sweep", KillDuringSweepAsync),
        ("(d) kill -9 of a host and a 15 s SMTP outage while mails go out", KillAndOutageAsync),
    ];

    public static async Task<int> RunAsync(int referrals, TimeSpan spread, string? only, int warmUp) =>
        (await MeasureAsync(referrals, spread, only, warmUp)).Sum(r => r.Lost) == 0 ? 0 : 1;

    /// <summary>
    /// Runs the faults (all, or the one whose letter is <paramref name="only"/>), printing each; returns their figures.
    /// Before each fault <paramref name="warmUp"/> referrals go through both hosts unmeasured, so the fault meets hosts
    /// whose hot code the JIT has settled, as in service.
    /// </summary>
    public static async Task<List<ChaosResult>> MeasureAsync(int referrals, TimeSpan spread, string? only, int warmUp = 0)
    {
        await using var postgres = await BenchCluster.StartAsync();
        Console.WriteLine(await BenchCluster.DescribeAsync(postgres.AdminConnectionString));
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_REFERRALFLOW_HOST", EscalationLoad.HostContentRoot());
        var results = new List<ChaosResult>();
        foreach (var (name, fault) in Faults.Where(f => only is null || f.Name.StartsWith($"({only})", StringComparison.Ordinal)))
        {
            Console.WriteLine($"{name}: {referrals} referrals paced over {spread.TotalSeconds:F0} s, 4 mails each, two hosts");
            results.Add(await RunOneAsync(name, postgres, referrals, spread, fault, warmUp));
        }

        return results;
    }

    private static async Task<ChaosResult> RunOneAsync(
        string name, PostgresServer postgres, int referrals, TimeSpan spread, Func<Scenario, Task<string>> fault, int warmUp)
    {
        var connectionString = await postgres.CreateDatabaseAsync($"chaos_{Guid.NewGuid():N}");
        using var smtp = new ChaosSmtp();
        var settings = EscalationLoad.PolicySettings(LevelOffsets).Concat(
        [
            ("Mail:Smtp:Host", "127.0.0.1"),
            ("Mail:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Mail:Smtp:Security", "None"),
            // A dead host's claimed mails come back one lease after its last heartbeat: 2 minutes in production, 20 s here
            // (the lease must be at least four SMTP timeouts).
            ("Mail:Smtp:Timeout", "00:00:05"),
            ("Notifications:ClaimLease", "00:00:20"),
            ("Jobs:InFlightTimeout", "00:00:20"),
        ]).ToList();
        // The opener migrates and seeds; it runs no job server, so all sending and sweeping is the two hosts'.
        await using var opener = new WebApplicationFactory<UnitOfWork>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Database:Provider", "PostgreSql");
            b.UseSetting("ConnectionStrings:ReferralFlow", connectionString);
            b.UseSetting("Demo:Seed", "true");
            b.UseSetting("Jobs:Enabled", "false");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        _ = opener.Server;
        List<(string, string)> child = [.. settings, ("Demo:Seed", "false")];
        await using var a = await ChildHost.StartAsync("chaos-a", connectionString, child);
        await using var b = await ChildHost.StartAsync("chaos-b", connectionString, child);
        var versionId = await EscalationLoad.PublishAsync(opener.Services);
        await EscalationLoad.WarmUpAsync(opener.Services, versionId, warmUp, () => smtp.WarmUps, "  ");

        var scenario = new Scenario(a, b, smtp, referrals * 4, connectionString);
        var faulted = fault(scenario);
        var opened = await EscalationLoad.OpenAsync(opener.Services, versionId, referrals, spread, "L-");
        var note = await faulted;
        var clock = Stopwatch.StartNew();
        while (smtp.Distinct < scenario.Expected && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(200);
        }

        // A resend after the last first delivery still counts: give the hosts a moment longer.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (resent, unsent) = await OutboxAsync(connectionString);
        var lost = scenario.Expected - smtp.Distinct;
        Console.WriteLine($"  fault: {note}");
        Console.WriteLine($"  expected {scenario.Expected}, received {smtp.Distinct} distinct Message-Ids; lost {lost}, duplicates {smtp.Duplicates}; "
            + $"outbox rows with attempts > 1: {resent}, not Sent: {unsent}");
        TimeSpan? backlog = smtp.RestartedAt is { } restarted && smtp.LastFirstArrival is { } last ? last - restarted : null;
        if (backlog is { } drained)
        {
            Console.WriteLine($"  backlog after the server came back: last new message {drained.TotalSeconds:F1} s after the restart");
        }

        var levels = Enumerable.Range(1, 3).Select(level => Latency.Of(smtp.FirstArrivals(level).Where(m => opened.ContainsKey(m.Number))
            .Select(m => (m.At - (opened[m.Number] + EscalationLoad.Due + LevelOffsets[level - 1])).TotalSeconds))).ToList();
        for (var level = 1; level <= levels.Count; level++)
        {
            Console.WriteLine($"  level {level}: {levels[level - 1]}");
        }

        return new ChaosResult(name, note, scenario.Expected, lost, smtp.Duplicates, resent, unsent, backlog, levels[0]);
    }

    private static async Task<string> KillWhileSendingAsync(Scenario scenario)
    {
        await scenario.WaitForAsync(() => scenario.Smtp.Distinct >= scenario.Expected / 4);
        scenario.A.Kill();
        return $"{scenario.A.Name} killed at {scenario.Smtp.Distinct}/{scenario.Expected} received";
    }

    private static async Task<string> OutageAsync(Scenario scenario)
    {
        await scenario.WaitForAsync(() => scenario.Smtp.Distinct >= scenario.Expected / 4);
        var at = scenario.Smtp.Distinct;
        scenario.Smtp.Stop();
        await Task.Delay(TimeSpan.FromSeconds(15));
        scenario.Smtp.Start();
        return $"SMTP server stopped at {at}/{scenario.Expected} received, started again 15 s later on the same port";
    }

    private static async Task<string> KillAndOutageAsync(Scenario scenario)
    {
        await scenario.WaitForAsync(() => scenario.Smtp.Distinct >= scenario.Expected / 4);
        scenario.A.Kill();
        var at = scenario.Smtp.Distinct;
        scenario.Smtp.Stop();
        await Task.Delay(TimeSpan.FromSeconds(15));
        scenario.Smtp.Start();
        return $"{scenario.A.Name} killed and the SMTP server stopped at {at}/{scenario.Expected} received, started again 15 s later";
    }

    private static async Task<string> KillDuringSweepAsync(Scenario scenario)
    {
        await using var connection = new NpgsqlConnection(scenario.ConnectionString);
        await connection.OpenAsync();
        await using var holds = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = @name AND state <> 'idle' AND query ILIKE '%FROM escalations%SKIP LOCKED%'", connection);
        holds.Parameters.AddWithValue("name", scenario.A.Name);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2) && (long)(await holds.ExecuteScalarAsync() ?? 0L) == 0)
        {
            await Task.Delay(5);
        }

        scenario.A.Kill();
        return clock.Elapsed < TimeSpan.FromMinutes(2)
            ? $"{scenario.A.Name} killed while its sweep held escalation claims ({scenario.Smtp.Distinct}/{scenario.Expected} received)"
            : $"{scenario.A.Name} never seen sweeping in 2 min; killed anyway";
    }

    private static async Task<(long Resent, long Unsent)> OutboxAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE attempts > 1), count(*) FILTER (WHERE status <> 'Sent') FROM outbox_messages WHERE type = 'escalation'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private sealed record Scenario(ChildHost A, ChildHost B, ChaosSmtp Smtp, int Expected, string ConnectionString)
    {
        public async Task WaitForAsync(Func<bool> condition)
        {
            var clock = Stopwatch.StartNew();
            while (!condition() && clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(20);
            }
        }
    }
}

/// <summary>One chaos run's figures: lost and duplicate mails, outbox rows that show a resend, the backlog after an outage.</summary>
internal sealed record ChaosResult(string Name, string Note, int Expected, int Lost, int Duplicates, long Resent, long Unsent, TimeSpan? Backlog, Latency Level1);

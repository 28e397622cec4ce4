using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ReferralFlow.Benchmarks;
using ReferralFlow.Benchmarks.Escalation;
using ReferralFlow.Benchmarks.Store;

Console.OutputEncoding = Encoding.UTF8;
var mode = args.Length > 0 ? args[0] : "help";
var rest = args.Skip(1).Where(a => a != "--fsync").ToArray();
BenchCluster.Durable = args.Contains("--fsync");
switch (mode)
{
    case "engine":
        // In-process: BenchmarkDotNet's generated project would inherit the repository's strict build settings.
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumn(StatisticColumn.OperationsPerSecond)
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        var summaries = BenchmarkSwitcher.FromTypes([typeof(EngineBenchmarks)]).Run(rest.Length > 0 ? rest : ["--filter", "*"], config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    case "engine-quick":
        return QuickRun.Run(TimeSpan.FromSeconds(3));
    case "store":
        if (!StoreOptions.TryParse(rest, out var storeOptions, out var error))
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        return await StoreLoad.RunAsync(storeOptions);
    case "escalation":
        return await EscalationLoad.RunAsync(
            rest.Length > 0 ? rest[0] : "postgres",
            rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
            TimeSpan.FromSeconds(rest.Length > 2 ? int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture) : 0),
            [.. (rest.Length > 3 ? rest[3] : "0,3,6").Split(',').Select(s => TimeSpan.FromSeconds(int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)))],
            rest.Length > 4 ? int.Parse(rest[4], System.Globalization.CultureInfo.InvariantCulture) : 0);
    case "chaos":
        return await ChaosLoad.RunAsync(
            rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 300,
            TimeSpan.FromSeconds(rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 10),
            rest.Length > 2 && rest[2] != "all" ? rest[2] : null,
            rest.Length > 3 ? int.Parse(rest[3], System.Globalization.CultureInfo.InvariantCulture) : 0);
    case "scale" or "scale-seed":
        return await ReferralFlow.Benchmarks.Scale.ScaleRun.RunAsync(ReferralFlow.Benchmarks.Scale.ScaleOptions.Parse(rest), mode == "scale");
    case "idle":
        return await IdleLoad.RunAsync(
            TimeSpan.FromSeconds(rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 60),
            TimeSpan.FromSeconds(rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 20));
    case "issue18":
        return await ReferralFlow.Benchmarks.Issue18.Issue18Table.RunAsync(
            rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 1000,
            TimeSpan.FromSeconds(rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 16));
    case "digest":
        return await ReferralFlow.Benchmarks.Alerts.DigestLoad.RunAsync(
            rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
            rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
    default:
        Console.WriteLine("""
            ReferralFlow benchmarks (--fsync with any of them: the throwaway cluster commits durably, as in production)
              engine          BenchmarkDotNet suite over the pure interpreter (ShortRun, in-process)
              engine-quick    3-second Stopwatch loop per variant, prints instances/s
              store [--instances 500] [--concurrency 4] [--variant parallel|inclusive] [--warmup 200] [--pgbench 10]
                              the same referral through WorkflowRuntime on PostgreSQL (throwaway cluster,
                              or the server in REFERRALFLOW_TEST_POSTGRES), then pgbench -N with as many
                              clients on the same cluster for comparison (--pgbench 0 skips it)
              idle [seconds=60] [settle=20]
                              one idle host on a throwaway PostgreSQL cluster: statements/s (server log,
                              log_statement=all for its database), commits/s (pg_stat_database), RSS
              escalation [postgres|sqlite] [referrals=100] [spread seconds=0] [level offsets=0,3,6] [warm-up referrals=0]
                              the real host with its due-work scheduler and an SMTP server: latency from due time to
                              delivered email per level, and delivery throughput, for 4 messages per referral; with a
                              spread the openings are paced so the due times fall evenly over that window; a warm-up
                              runs that many referrals through the same path first, unmeasured (the JIT settles)
              chaos [referrals=300] [spread seconds=10] [a|b|c|d|all] [warm-up referrals=0]
                              two host processes (the built host, bin/Release) on one throwaway cluster and an SMTP
                              server, 4 escalation mails per referral; runs (a) kill -9 of one host while mails go
                              out, (b) a 15 s SMTP outage, (c) kill -9 of one host during its escalation sweep,
                              (d) kill -9 and a 15 s outage together, and prints lost, duplicate and resent messages
                              and the latency per level; a warm-up runs that many referrals through both hosts
                              before each fault, unmeasured
              issue18 [referrals=1000] [spread seconds=16]
                              issue 18's table in one run: idle, escalation (no faults), chaos a-d with that load,
                              store with pgbench, all with fsync on; each part's report, then the table with the targets
              scale-seed [--referrals 100000] [--completed 1000000] [--database NAME] [--provider postgres|sqlite]
                              builds the issue-13 dataset by binary COPY (a kept database NAME on the server in
                              REFERRALFLOW_TEST_POSTGRES, or a throwaway cluster), or with --provider sqlite by
                              prepared inserts in one transaction (a kept directory NAME under the temp directory)
              digest [open steps=100000] [runs=3]
                              the real morning digest of the demo district with that many open steps (seeded
                              by COPY on a throwaway cluster): build time, mails queued, SQL round trips
              scale [same options] [--runs 15]
                              seeds unless NAME exists, then times each list, page and report (p50/p95)
            """);
        return mode == "help" ? 0 : 2;
}

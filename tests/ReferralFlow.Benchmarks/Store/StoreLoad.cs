using System.Diagnostics;
using System.Runtime;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Testing;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;
using ReferralFlow.Workflows.Persistence.PostgreSql;

namespace ReferralFlow.Benchmarks.Store;

/// <summary>
/// The benchmark referral driven through <see cref="WorkflowRuntime"/> on PostgreSQL: every command is one transaction
/// (load instance, interpret, write state, task, timeline and outbox rows). Not BenchmarkDotNet: each op is a DB round-trip.
/// </summary>
public static class StoreLoad
{
    private const string District = "관악구";

    public static async Task<int> RunAsync(StoreOptions options)
    {
        await MeasureAsync(options);
        return 0;
    }

    /// <summary>Runs the store load (and pgbench beside it), printing the report; returns commands/s and pgbench's transactions/s.</summary>
    public static async Task<StoreResult> MeasureAsync(StoreOptions options)
    {
        await using var server = await BenchCluster.StartAsync();
        var connectionString = await server.CreateDatabaseAsync($"rf_bench_{Guid.NewGuid():N}"[..30]);
        using var roundTrips = new NpgsqlRoundTrips();
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        // Statements prepared per connection and no reset on return to the pool, as the host's contexts have them.
        var prepared = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2, NoResetOnClose = true }.ConnectionString;
        builder.UseWorkflowPostgres(prepared).AddInterceptors(roundTrips);
        var driver = new Driver(builder.Options, new DefinitionCache(), options.Inclusive ? Scenario.InclusiveId : Scenario.ParallelId);
        await driver.PublishAsync(options.Inclusive ? Scenario.InclusiveXml : Scenario.ParallelXml);

        var origin = server.IsLocalCluster ? "throwaway local cluster" : PostgresServer.ConnectionStringVariable;
        Console.WriteLine($"store: {await BenchCluster.DescribeAsync(connectionString)} ({origin})");
        Console.WriteLine($"  workflow {driver.Key}, {options.Instances} instances x {Scenario.CommandsPerInstance} commands, {options.Concurrency} workers");
        Console.WriteLine($"  warmed up with {await WarmUpAsync(driver, options)} instances");

        var server0 = await ServerCounters.TakeAsync(connectionString);
        var before = ProcessSnapshot.Take(roundTrips.Count);
        var latencies = await driver.DriveAsync(options.Instances, options.Concurrency);
        var after = ProcessSnapshot.Take(roundTrips.Count);
        var server1 = await ServerCounters.TakeAsync(connectionString);
        var commandsPerSecond = ProcessSnapshot.Report(before, after, options.Instances, latencies);
        ServerCounters.Report("per command", server0, server1, latencies.Length);
        Console.WriteLine($"  rows: {await driver.DescribeRowsAsync()}");
        var pgbench = options.PgBenchSeconds > 0 ? await PgBench.RunAsync(server.AdminConnectionString, options.Concurrency, TimeSpan.FromSeconds(options.PgBenchSeconds)) : null;
        if (pgbench is { } tps)
        {
            Console.WriteLine($"  persisted commands/s as a share of pgbench transactions/s: {commandsPerSecond / tps:P0}");
        }

        return new StoreResult(commandsPerSecond, pgbench);
    }

    // EF Core and Npgsql keep tiering up for thousands of commands; timing before the JIT settles measures the JIT.
    private static async Task<int> WarmUpAsync(Driver driver, StoreOptions options)
    {
        const int Batch = 100;
        await driver.DriveAsync(options.WarmUp, options.Concurrency);
        var instances = options.WarmUp;
        for (var round = 0; round < 30; round++)
        {
            var jit = JitInfo.GetCompilationTime();
            await driver.DriveAsync(Batch, options.Concurrency);
            instances += Batch;
            if (JitInfo.GetCompilationTime() - jit < TimeSpan.FromMilliseconds(10))
            {
                break;
            }
        }

        return instances;
    }

    /// <summary>Runs instances through the runtime with one context per command, as a host request would have.</summary>
    private sealed class Driver(DbContextOptions<WorkflowDbContext> dbOptions, DefinitionCache cache, string key)
    {
        public string Key => key;

        public async Task PublishAsync(string xml)
        {
            await using var db = new WorkflowDbContext(dbOptions);
            await db.Database.MigrateAsync();
            var store = new DefinitionStore(db, cache, TimeProvider.System);
            await store.SaveDraftAsync(District, key, xml, expectedRevision: null);
            await store.PublishAsync(District, key, "benchmark");
        }

        /// <summary>Runs <paramref name="instances"/> instances on <paramref name="concurrency"/> workers; returns every command's latency in ms.</summary>
        public async Task<double[]> DriveAsync(int instances, int concurrency)
        {
            var next = -1;
            var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                var latencies = new List<double>();
                while (Interlocked.Increment(ref next) < instances)
                {
                    await RunInstanceAsync(latencies);
                }

                return latencies;
            }));
            var all = await Task.WhenAll(workers);
            return [.. all.SelectMany(l => l)];
        }

        public async Task<string> DescribeRowsAsync()
        {
            await using var db = new WorkflowDbContext(dbOptions);
            var completed = await db.Instances.CountAsync(i => i.Status == InstanceStatus.Completed);
            return $"{completed} completed instances, {await db.Tasks.CountAsync()} tasks, {await db.Timeline.CountAsync()} timeline events";
        }

        private async Task RunInstanceAsync(List<double> latencies)
        {
            var open = new Queue<int>();
            var start = Stopwatch.GetTimestamp();
            WorkflowCommandOutcome outcome;
            await using (var db = new WorkflowDbContext(dbOptions))
            {
                outcome = await new WorkflowRuntime(db, cache, TimeProvider.System).StartAsync(District, key, businessKey: null, variables: null);
            }

            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            Enqueue(outcome.Effects, open);
            var first = true;
            while (open.TryDequeue(out var taskId))
            {
                start = Stopwatch.GetTimestamp();
                await using (var db = new WorkflowDbContext(dbOptions))
                {
                    var runtime = new WorkflowRuntime(db, cache, TimeProvider.System);
                    outcome = await runtime.CompleteTaskAsync(outcome.InstanceId, taskId, first ? Scenario.AssessOutcome : null, outcome.Revision);
                }

                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                first = false;
                Enqueue(outcome.Effects, open);
            }

            if (outcome.Status != InstanceStatus.Completed)
            {
                throw new InvalidOperationException($"Instance {outcome.InstanceId} ended {outcome.Status}, expected Completed.");
            }
        }

        private static void Enqueue(IReadOnlyList<ExecutionEffect> effects, Queue<int> open)
        {
            foreach (var created in effects.OfType<TaskCreated>())
            {
                open.Enqueue(created.TaskId);
            }
        }
    }
}

/// <summary>Persisted commands/s through the runtime, and pgbench's transactions/s on the same cluster (null when skipped).</summary>
public sealed record StoreResult(double CommandsPerSecond, double? PgBenchTps);

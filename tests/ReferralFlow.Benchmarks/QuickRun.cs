using System.Diagnostics;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Benchmarks;

/// <summary>A plain Stopwatch loop for CI smoke checks: no BenchmarkDotNet, one thread, a few seconds per variant.</summary>
public static class QuickRun
{
    public static int Run(TimeSpan duration)
    {
        Console.WriteLine($"engine-quick: {duration.TotalSeconds:0.#} s per variant, single thread, {Scenario.CommandsPerInstance} commands per instance");
        Measure("parallel split", Scenario.Parse(Scenario.ParallelXml), duration);
        Measure("inclusive split", Scenario.Parse(Scenario.InclusiveXml), duration);
        return 0;
    }

    private static void Measure(string label, WorkflowDefinition definition, TimeSpan duration)
    {
        var now = DateTimeOffset.UtcNow;
        var open = new Queue<int>();

        // Warm-up lets tiered JIT promote the hot path before we time it.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            Scenario.RunInstance(definition, now, open);
        }

        long instances = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var gen0Before = GC.CollectionCount(0);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            for (var i = 0; i < 256; i++)
            {
                Scenario.RunInstance(definition, now, open);
            }

            instances += 256;
        }

        watch.Stop();
        var perSecond = instances / watch.Elapsed.TotalSeconds;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)instances;
        Console.WriteLine(
            $"  {label,-16} {perSecond,12:N0} instances/s  {perSecond * Scenario.CommandsPerInstance,12:N0} commands/s  " +
            $"{watch.Elapsed.TotalMicroseconds / instances,7:N2} µs/instance  {bytes,8:N0} B/instance  gen0 GCs {GC.CollectionCount(0) - gen0Before}");
    }
}

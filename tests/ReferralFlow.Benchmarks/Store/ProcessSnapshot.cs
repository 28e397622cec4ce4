using System.Runtime;

namespace ReferralFlow.Benchmarks.Store;

/// <summary>Process counters at one moment; the difference of two snapshots describes a run.</summary>
public sealed record ProcessSnapshot(long Timestamp, TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, TimeSpan Jit, long RoundTrips)
{
    public static ProcessSnapshot Take(long roundTrips) => new(
        System.Diagnostics.Stopwatch.GetTimestamp(),
        Environment.CpuUsage.TotalTime,
        GC.GetTotalAllocatedBytes(),
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration(),
        JitInfo.GetCompilationTime(),
        roundTrips);

    /// <summary>Prints throughput, latency percentiles and per-command costs between two snapshots; returns commands/s.</summary>
    public static double Report(ProcessSnapshot before, ProcessSnapshot after, int instances, double[] latenciesMs)
    {
        Array.Sort(latenciesMs);
        var commands = latenciesMs.Length;
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
        Console.WriteLine($"  elapsed {seconds:N2} s");
        Console.WriteLine($"  {instances / seconds,10:N1} instances/s");
        Console.WriteLine($"  {commands / seconds,10:N1} commands/s");
        Console.WriteLine($"  command latency ms: p50 {Percentile(latenciesMs, 0.50):N2}  p95 {Percentile(latenciesMs, 0.95):N2}  " +
            $"p99 {Percentile(latenciesMs, 0.99):N2}  max {latenciesMs[^1]:N2}");
        Console.WriteLine($"  per command: {(after.RoundTrips - before.RoundTrips) / (double)commands:N2} SQL round-trips (COMMITs included), " +
            $"{(after.Cpu - before.Cpu).TotalMilliseconds / commands:N2} ms CPU in this process, " +
            $"{(after.Allocated - before.Allocated) / 1024.0 / commands:N1} KB allocated");
        Console.WriteLine($"  during the run: GCs gen0 {after.Gen0 - before.Gen0} / gen1 {after.Gen1 - before.Gen1} / gen2 {after.Gen2 - before.Gen2}, " +
            $"GC pauses {(after.GcPause - before.GcPause).TotalMilliseconds:N0} ms, JIT {(after.Jit - before.Jit).TotalMilliseconds:N0} ms");
        return commands / seconds;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

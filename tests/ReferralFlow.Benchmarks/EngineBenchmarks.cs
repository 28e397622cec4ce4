using BenchmarkDotNet.Attributes;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Benchmarks;

/// <summary>
/// Whole referral instances through the pure interpreter. Each invocation runs <see cref="InstancesPerInvoke"/>
/// instances, so BenchmarkDotNet's per-operation figures (time, Op/s, Allocated) read per instance.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    public const int InstancesPerInvoke = 1_000;

    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(9));
    private readonly Queue<int> _open = new();
    private WorkflowDefinition _parallel = null!;
    private WorkflowDefinition _inclusive = null!;

    [GlobalSetup]
    public void Setup()
    {
        _parallel = Scenario.Parse(Scenario.ParallelXml);
        _inclusive = Scenario.Parse(Scenario.InclusiveXml);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = InstancesPerInvoke, Description = "parallel split (7 commands)")]
    public int ParallelInstance() => Run(_parallel);

    [Benchmark(OperationsPerInvoke = InstancesPerInvoke, Description = "inclusive split + conditions (7 commands)")]
    public int InclusiveInstance() => Run(_inclusive);

    private int Run(WorkflowDefinition definition)
    {
        var commands = 0;
        for (var i = 0; i < InstancesPerInvoke; i++)
        {
            commands += Scenario.RunInstance(definition, Now, _open);
        }

        return commands;
    }
}

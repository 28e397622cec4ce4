namespace ReferralFlow.Workflows.Execution;

/// <summary>
/// Per-instance bounds that keep a badly drawn or hostile workflow from running away: when one is reached the token stops
/// with an incident (the instance waits for repair) instead of creating tasks, timers or messages without end. A repair
/// that moves or adds a token grants a fresh budget.
/// </summary>
public sealed record ExecutionLimits
{
    /// <summary>500 tasks per instance, 100 passes through each looping step.</summary>
    public static ExecutionLimits Default { get; } = new();

    /// <summary>Most user tasks one instance may create (default 500).</summary>
    public int MaxTasksPerInstance { get; init; } = 500;

    /// <summary>
    /// Most times a token may enter the same task or timer event that lies on a loop of the diagram (default 100). Steps
    /// outside loops are not counted; a loop that never waits is stopped within one command by a separate step limit.
    /// </summary>
    public int MaxLoopIterations { get; init; } = 100;
}

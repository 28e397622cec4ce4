namespace ReferralFlow.Workflows.Execution;

/// <summary>The outcome of one command: the new state and what happened, in order.</summary>
/// <param name="State">The new instance state.</param>
/// <param name="Effects">The effects, in the order they happened.</param>
public sealed record ExecutionResult(InstanceState State, IReadOnlyList<ExecutionEffect> Effects);

using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>What a committed command did.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Revision">Its revision after the command; pass it as the expected revision of the next one.</param>
/// <param name="Status">Its status after the command.</param>
/// <param name="Effects">The interpreter's effects, in order (all of them are already written as rows).</param>
public sealed record WorkflowCommandOutcome(Guid InstanceId, int Revision, InstanceStatus Status, IReadOnlyList<ExecutionEffect> Effects);

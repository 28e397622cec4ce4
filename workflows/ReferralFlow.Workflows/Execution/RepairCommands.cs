namespace ReferralFlow.Workflows.Execution;

/// <summary>
/// Repair: cancels an open user task and lets its token continue along the task's outgoing flows as if the task had
/// been completed without an outcome (conditions are evaluated on the current variables).
/// </summary>
/// <param name="TaskId">The open task.</param>
/// <param name="Reason">Why, for the timeline.</param>
public sealed record SkipTask(int TaskId, string Reason) : WorkflowCommand;

/// <summary>
/// Repair: removes a waiting or stuck token with its task and timers; its branch ends there. Inclusive joins stop
/// waiting for it; a parallel join it would have reached keeps waiting (move or remove that join's tokens as well).
/// The instance completes when no token is left.
/// </summary>
/// <param name="TokenId">The token (for a task, the task id).</param>
/// <param name="Reason">Why, for the timeline.</param>
public sealed record CancelBranch(int TokenId, string Reason) : WorkflowCommand;

/// <summary>Repair: adds a new token at a node of a running instance (e.g. reopens a completed user task) and resumes there.</summary>
/// <param name="NodeId">Where the new token starts.</param>
/// <param name="Reason">Why, for the timeline.</param>
public sealed record AddToken(string NodeId, string Reason) : WorkflowCommand;

/// <summary>A token was added by a repair command.</summary>
/// <param name="NodeId">Where it started.</param>
/// <param name="Reason">Why.</param>
public sealed record TokenAdded(string NodeId, string Reason) : ExecutionEffect;

/// <summary>A token was removed by a repair command (its branch ended).</summary>
/// <param name="TokenId">The token.</param>
/// <param name="NodeId">Where it waited.</param>
/// <param name="Reason">Why.</param>
public sealed record TokenRemoved(int TokenId, string NodeId, string Reason) : ExecutionEffect;

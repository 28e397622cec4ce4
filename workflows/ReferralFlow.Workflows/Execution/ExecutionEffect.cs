namespace ReferralFlow.Workflows.Execution;

/// <summary>Something the shell must do or record after a command: rows to write, jobs to schedule, timeline entries.</summary>
public abstract record ExecutionEffect;

/// <summary>A user task was created and should be offered to the agency that fills its role.</summary>
/// <param name="TaskId">Instance-local task id.</param>
/// <param name="NodeId">The user task element.</param>
/// <param name="Name">Its display name.</param>
/// <param name="RoleKey">The role it is offered to.</param>
/// <param name="DueAt">Deadline from <c>rf:due</c>, if any.</param>
/// <param name="EscalationPolicy">Escalation policy from <c>rf:escalation</c>, if any.</param>
public sealed record TaskCreated(int TaskId, string NodeId, string Name, string? RoleKey, DateTimeOffset? DueAt, string? EscalationPolicy)
    : ExecutionEffect;

/// <summary>A user task was completed.</summary>
public sealed record TaskCompleted(int TaskId, string NodeId) : ExecutionEffect;

/// <summary>A user task was cancelled (interrupting timer, terminate end, instance cancel, repair).</summary>
public sealed record TaskCancelled(int TaskId, string NodeId, string Reason) : ExecutionEffect;

/// <summary>A timer was scheduled.</summary>
public sealed record TimerScheduled(int TimerId, string NodeId, DateTimeOffset DueAt) : ExecutionEffect;

/// <summary>A timer fired.</summary>
public sealed record TimerFired(int TimerId, string NodeId) : ExecutionEffect;

/// <summary>A timer was cancelled before it fired.</summary>
public sealed record TimerCancelled(int TimerId, string NodeId) : ExecutionEffect;

/// <summary>A send task asked for a message to be sent (the shell writes an outbox row).</summary>
/// <param name="NodeId">The send task.</param>
/// <param name="Type">Built-in type (<c>email</c>, <c>notify-referrer</c>).</param>
/// <param name="To">Recipient expression (e.g. <c>role:benefits</c>).</param>
/// <param name="Template">Message template key.</param>
public sealed record MessageRequested(string NodeId, string? Type, string? To, string? Template) : ExecutionEffect;

/// <summary>A token got stuck; the instance needs repair (it is still running).</summary>
public sealed record IncidentRaised(int TokenId, string NodeId, string Message) : ExecutionEffect;

/// <summary>A token was moved by a repair command.</summary>
public sealed record TokenMoved(int TokenId, string FromNodeId, string ToNodeId, string Reason) : ExecutionEffect;

/// <summary>The instance ended: no token left, or a terminate end event was reached.</summary>
/// <param name="Terminated">True when a terminate end event ended it.</param>
public sealed record InstanceCompleted(bool Terminated) : ExecutionEffect;

/// <summary>The instance was cancelled by a command.</summary>
public sealed record InstanceCancelled(string Reason) : ExecutionEffect;

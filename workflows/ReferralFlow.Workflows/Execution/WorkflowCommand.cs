namespace ReferralFlow.Workflows.Execution;

/// <summary>A command the interpreter applies to an instance.</summary>
public abstract record WorkflowCommand;

/// <summary>Starts the instance at its start event and runs until every token waits or ends.</summary>
/// <param name="Variables">Initial variables.</param>
public sealed record StartInstance(IReadOnlyDictionary<string, object?>? Variables = null) : WorkflowCommand;

/// <summary>Completes an open user task, merging its outcome into the variables, and resumes.</summary>
/// <param name="TaskId">The task id (the waiting token's id).</param>
/// <param name="Variables">Outcome values; they become (or replace) process variables.</param>
public sealed record CompleteTask(int TaskId, IReadOnlyDictionary<string, object?>? Variables = null) : WorkflowCommand;

/// <summary>Fires a pending timer and resumes.</summary>
/// <param name="TimerId">The timer id.</param>
public sealed record FireTimer(int TimerId) : WorkflowCommand;

/// <summary>Cancels the instance: every open task and timer is cancelled.</summary>
/// <param name="Reason">Why, for the timeline.</param>
public sealed record CancelInstance(string Reason) : WorkflowCommand;

/// <summary>Repair: moves a waiting or stuck token to another node (cancelling its task and timers) and resumes there.</summary>
/// <param name="TokenId">The token (for a task, the task id).</param>
/// <param name="TargetNodeId">Where the token should go.</param>
/// <param name="Reason">Why, for the timeline.</param>
public sealed record MoveToken(int TokenId, string TargetNodeId, string Reason) : WorkflowCommand;

/// <summary>Why a command could not be applied.</summary>
public enum WorkflowCommandError
{
    /// <summary>The instance has ended or not started.</summary>
    InstanceNotRunning,
    /// <summary>The instance was already started.</summary>
    AlreadyStarted,
    /// <summary>No open task has that id (completed, cancelled or unknown).</summary>
    TaskNotOpen,
    /// <summary>No pending timer has that id.</summary>
    TimerNotPending,
    /// <summary>No waiting token has that id.</summary>
    TokenNotFound,
    /// <summary>The target node does not exist or cannot hold a token.</summary>
    InvalidTarget,
    /// <summary>The definition has no single start event.</summary>
    InvalidDefinition,
}

/// <summary>Thrown when a command does not apply to the instance's current state (the host maps it to 409 or 400).</summary>
public sealed class WorkflowCommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowCommandException(WorkflowCommandError error, string message)
        : base(message) => Error = error;

    /// <summary>Creates the exception.</summary>
    public WorkflowCommandException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowCommandException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the command failed.</summary>
    public WorkflowCommandError Error { get; }
}

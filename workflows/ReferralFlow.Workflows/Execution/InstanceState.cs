using System.Collections.Immutable;

namespace ReferralFlow.Workflows.Execution;

/// <summary>Lifecycle of a workflow instance.</summary>
public enum InstanceStatus
{
    /// <summary>Not started yet.</summary>
    NotStarted,
    /// <summary>At least one token waits.</summary>
    Running,
    /// <summary>Every token reached a none end event.</summary>
    Completed,
    /// <summary>A terminate end event ended every branch.</summary>
    Terminated,
    /// <summary>Cancelled by a command.</summary>
    Cancelled,
}

/// <summary>What a token waits for.</summary>
public enum TokenState
{
    /// <summary>Waits at a user task until it is completed; the token id is the task id.</summary>
    AtTask,
    /// <summary>Waits at an intermediate timer event until its timer fires.</summary>
    AtTimer,
    /// <summary>Waits at a joining gateway for the other branches.</summary>
    AtJoin,
    /// <summary>Stuck: the engine could not move it (e.g. no exclusive flow matched); needs repair.</summary>
    Incident,
}

/// <summary>A waiting token. A token gets a fresh id each time it starts waiting, so a user task's id is unique in the instance.</summary>
/// <param name="Id">Instance-local id; for <see cref="TokenState.AtTask"/> it is the task id.</param>
/// <param name="NodeId">The node where the token waits.</param>
/// <param name="State">What it waits for.</param>
/// <param name="ArrivedVia">For a token at a join, the sequence flow it came through.</param>
/// <param name="Incident">For a stuck token, the reason.</param>
public sealed record Token(int Id, string NodeId, TokenState State, string? ArrivedVia = null, string? Incident = null);

/// <summary>A scheduled timer.</summary>
/// <param name="Id">Instance-local timer id.</param>
/// <param name="NodeId">The boundary or intermediate timer event.</param>
/// <param name="DueAt">When it fires.</param>
/// <param name="TokenId">The token it belongs to: the task token for a boundary timer, the waiting token for an intermediate one.</param>
/// <param name="FiredCount">How often a cycle timer has fired already.</param>
public sealed record PendingTimer(int Id, string NodeId, DateTimeOffset DueAt, int TokenId, int FiredCount = 0);

/// <summary>
/// The complete, immutable execution state of one workflow instance: waiting tokens, pending timers and variables.
/// The interpreter maps (definition, state, command, now) to a new state and a list of effects.
/// </summary>
public sealed record InstanceState
{
    /// <summary>The state before <see cref="StartInstance"/>.</summary>
    public static InstanceState Empty { get; } = new()
    {
        Status = InstanceStatus.NotStarted,
        Tokens = [],
        Timers = [],
        Variables = ImmutableDictionary.Create<string, object?>(StringComparer.Ordinal),
        NextId = 1,
    };

    /// <summary>Lifecycle status.</summary>
    public required InstanceStatus Status { get; init; }

    /// <summary>Waiting tokens.</summary>
    public required ImmutableArray<Token> Tokens { get; init; }

    /// <summary>Pending timers.</summary>
    public required ImmutableArray<PendingTimer> Timers { get; init; }

    /// <summary>Process variables (null, bool, decimal, string, lists and objects of those).</summary>
    public required ImmutableDictionary<string, object?> Variables { get; init; }

    /// <summary>The next instance-local id for tokens and timers.</summary>
    public required int NextId { get; init; }

    /// <summary>User tasks created since the start or the last repair that moved or added a token (see <see cref="ExecutionLimits"/>).</summary>
    public int TasksCreated { get; init; }

    /// <summary>
    /// How often each task or timer event on a loop of the diagram was entered, by node id, counted like
    /// <see cref="TasksCreated"/>. Empty for workflows without loops.
    /// </summary>
    public ImmutableDictionary<string, int> LoopVisits { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>True when the instance has ended (completed, terminated or cancelled).</summary>
    public bool IsEnded => Status is InstanceStatus.Completed or InstanceStatus.Terminated or InstanceStatus.Cancelled;
}

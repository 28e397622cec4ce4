namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// Every row one command writes, in one transaction: the instance's new state and the task, timer, escalation, timeline
/// and outbox rows of its effects. The runtime builds it without touching the database; a provider's
/// <see cref="ICommandRowWriter"/> (or EF Core's change tracking when the provider has none) writes it.
/// </summary>
public sealed class CommandRows
{
    internal CommandRows(WorkflowInstanceRecord instance, bool isNew)
    {
        Instance = instance;
        IsNewInstance = isNew;
        LoadedRevision = instance.Revision;
    }

    /// <summary>The instance with its new state, status and revision.</summary>
    public WorkflowInstanceRecord Instance { get; }

    /// <summary>True when the command started the instance (insert), false when it changed a stored one (update).</summary>
    public bool IsNewInstance { get; }

    /// <summary>The revision the command read; the update must find the row still at it.</summary>
    public int LoadedRevision { get; }

    /// <summary>Task rows to insert (a task created and closed by the same command is inserted closed).</summary>
    public List<WorkTaskRecord> NewTasks { get; } = [];

    /// <summary>Stored task rows to close, by instance-local task id; each must exist.</summary>
    public List<TaskClosing> ClosedTasks { get; } = [];

    /// <summary>Timer rows to write by (instance, timer id): inserted, or the stored row rescheduled (a cycle timer keeps its id).</summary>
    public List<TimerRecord> ScheduledTimers { get; } = [];

    /// <summary>Stored timer rows to close, written before <see cref="ScheduledTimers"/>; each must exist.</summary>
    public List<TimerClosing> ClosedTimers { get; } = [];

    /// <summary>Escalation levels to insert for new task rows.</summary>
    public List<EscalationRecord> Escalations { get; } = [];

    /// <summary>Timeline events to append.</summary>
    public List<TimelineEventRecord> Timeline { get; } = [];

    /// <summary>Outbox messages to queue.</summary>
    public List<OutboxMessageRecord> Outbox { get; } = [];

    /// <summary>The earliest instant a pending timer, escalation level or message of these rows falls due; null when none.</summary>
    public DateTimeOffset? EarliestDue =>
        ScheduledTimers.Where(t => t.Status == TimerStatus.Pending).Select(t => (DateTimeOffset?)t.DueAt)
            .Concat(Escalations.Select(e => (DateTimeOffset?)e.DueAt))
            .Concat(Outbox.Select(m => (DateTimeOffset?)m.NextAttemptAt))
            .Min();
}

/// <summary>A stored task row the command closes.</summary>
/// <param name="TaskId">The instance-local task id.</param>
/// <param name="Status">Completed or Cancelled.</param>
/// <param name="At">When.</param>
/// <param name="OutcomeJson">The outcome values of a completion (null for none).</param>
/// <param name="CancelReason">Why a cancelled task was cancelled.</param>
public sealed record TaskClosing(int TaskId, WorkTaskStatus Status, DateTimeOffset At, string? OutcomeJson, string? CancelReason)
{
    /// <summary>Closes <paramref name="task"/> in memory: status, time, revision, and the outcome or the reason.</summary>
    /// <param name="task">The task row.</param>
    public void ApplyTo(WorkTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.Status = Status;
        task.CompletedAt = At;
        task.Revision++;
        if (Status == WorkTaskStatus.Completed)
        {
            task.OutcomeJson = OutcomeJson;
        }
        else
        {
            task.CancelReason = CancelReason;
        }
    }
}

/// <summary>A stored timer row the command closes.</summary>
/// <param name="TimerId">The instance-local timer id.</param>
/// <param name="Status">Fired or Cancelled.</param>
/// <param name="At">When.</param>
public sealed record TimerClosing(int TimerId, TimerStatus Status, DateTimeOffset At);

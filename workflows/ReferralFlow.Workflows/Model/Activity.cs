namespace ReferralFlow.Workflows.Model;

/// <summary>Base class of tasks; activities may carry timer boundary events.</summary>
public abstract class Activity(string id, string? name) : FlowNode(id, name)
{
    private readonly List<BoundaryTimerEvent> _boundaryEvents = [];

    /// <summary>Timer boundary events attached to this activity.</summary>
    public IReadOnlyList<BoundaryTimerEvent> BoundaryEvents => _boundaryEvents;

    /// <summary>Instructions for the worker (the BPMN documentation element).</summary>
    public string? Documentation { get; internal init; }

    internal void AddBoundaryEvent(BoundaryTimerEvent boundary) => _boundaryEvents.Add(boundary);
}

/// <summary>A user task offered to the agency that fills its role.</summary>
public sealed class UserTask(string id, string? name) : Activity(id, name)
{
    /// <summary>The role key (from <c>rf:role</c>, <c>camunda:candidateGroups</c> or the lane).</summary>
    public string? RoleKey { get; internal set; }

    /// <summary>Deadline after the task is created (<c>rf:due</c>), if any.</summary>
    public IsoDuration? Due { get; internal init; }

    /// <summary>
    /// True when <see cref="Due"/> counts working days (<c>rf:dueCalendar="working"</c>): <c>P3D</c> is then three working
    /// days of the host's calendar (weekends and configured public holidays skipped), keeping the time of day.
    /// </summary>
    public bool DueInWorkingDays { get; internal init; }

    /// <summary>Named escalation policy (<c>rf:escalation</c>), if any.</summary>
    public string? EscalationPolicy { get; internal init; }

    /// <summary>Outcome form fields, in document order.</summary>
    public IReadOnlyList<FormField> Fields { get; internal init; } = [];
}

/// <summary>A send or service task with a built-in behaviour (<c>rf:type</c>): completes immediately and emits a message effect.</summary>
public sealed class SendTask(string id, string? name) : Activity(id, name)
{
    /// <summary>Built-in type: <c>email</c> or <c>notify-referrer</c>.</summary>
    public string? SendType { get; internal init; }

    /// <summary>Recipient expression, e.g. <c>role:benefits</c>.</summary>
    public string? To { get; internal init; }

    /// <summary>Template key for the message.</summary>
    public string? Template { get; internal init; }
}

using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>Turns one command's result into the rows it writes (<see cref="CommandRows"/>): state, tasks, timers, outbox and timeline.</summary>
internal sealed class EffectWriter(
    WorkflowInstanceRecord instance, bool isNew, DateTimeOffset now, string? actor, IEscalationPlanner? escalations = null, IStepAlertPlanner? alerts = null)
{
    private Dictionary<string, string>? _roleAgencies;

    // Rows this command inserts, so a later effect of the same command changes them in place.
    private readonly Dictionary<int, WorkTaskRecord> _tasks = [];
    private readonly Dictionary<int, TimerRecord> _timers = [];

    public CommandRows Rows { get; } = new(instance, isNew);

    public void AddTimeline(string type, string? nodeId, int? taskId, Dictionary<string, object?>? data) =>
        Rows.Timeline.Add(WorkflowJournal.TimelineRow(instance.Id, now, type, nodeId, taskId, actor, data is null ? null : VariableJson.ToJson(data)));

    public async Task<CommandRows> WriteAsync(WorkflowCommand command, ExecutionResult result, CancellationToken cancellationToken)
    {
        instance.Revision++;
        instance.StateJson = InstanceStateJson.Serialize(result.State);
        instance.Status = result.State.Status;
        instance.UpdatedAt = now;
        if (result.State.IsEnded)
        {
            instance.EndedAt ??= now;
        }

        for (var i = 0; i < result.Effects.Count; i++)
        {
            Write(result.Effects[i], i, command, result.State);
        }

        await QueueAlertsAsync(cancellationToken);
        return Rows;
    }

    // After every effect, so a step created and completed by the same command is not announced.
    private async Task QueueAlertsAsync(CancellationToken cancellationToken)
    {
        if (alerts is null)
        {
            return;
        }

        foreach (var task in Rows.NewTasks.Where(t => t.Status == WorkTaskStatus.Open))
        {
            var step = new NewStep(instance.Id, task.Id, task.TaskId, task.NodeId, task.Name, task.RoleKey, task.AgencyId, task.DueAt);
            foreach (var alert in await alerts.PlanAsync(step, cancellationToken))
            {
                Rows.Outbox.Add(WorkflowJournal.OutboxRow(
                    new OutboxMessageRequest(instance.Id, task.NodeId, alert.Type, alert.To, alert.Template, $"{alert.Template}:{task.Id:N}", alert.DataJson), now));
            }
        }
    }

    private void Write(ExecutionEffect effect, int index, WorkflowCommand command, InstanceState state)
    {
        switch (effect)
        {
            case TaskCreated created:
                var task = new WorkTaskRecord
                {
                    Id = Guid.CreateVersion7(now),
                    InstanceId = instance.Id,
                    TaskId = created.TaskId,
                    NodeId = created.NodeId,
                    Name = created.Name,
                    RoleKey = created.RoleKey,
                    AgencyId = AgencyFor(created.RoleKey),
                    Status = WorkTaskStatus.Open,
                    DueAt = created.DueAt?.ToUniversalTime(),
                    EscalationPolicy = created.EscalationPolicy,
                    CreatedAt = now,
                    Revision = 1,
                };
                Rows.NewTasks.Add(task);
                _tasks[created.TaskId] = task;
                PlanEscalations(task);
                AddTimeline(TimelineEventTypes.TaskCreated, created.NodeId, created.TaskId, new()
                {
                    ["name"] = created.Name,
                    ["role"] = created.RoleKey,
                    ["dueAt"] = task.DueAt,
                    ["escalation"] = created.EscalationPolicy,
                });
                break;
            case TaskCompleted completed:
                var outcome = command is CompleteTask c && c.TaskId == completed.TaskId ? c.Variables : null;
                CloseTask(completed.TaskId, WorkTaskStatus.Completed, outcome is null ? null : VariableJson.ToJson(outcome), null);
                AddTimeline(TimelineEventTypes.TaskCompleted, completed.NodeId, completed.TaskId, outcome is null ? null : new() { ["outcome"] = outcome });
                break;
            case TaskCancelled cancelled:
                CloseTask(cancelled.TaskId, WorkTaskStatus.Cancelled, null, cancelled.Reason);
                AddTimeline(TimelineEventTypes.TaskCancelled, cancelled.NodeId, cancelled.TaskId, new() { ["reason"] = cancelled.Reason });
                break;
            case TimerScheduled scheduled:
                ScheduleTimer(scheduled, state);
                AddTimeline(TimelineEventTypes.TimerScheduled, scheduled.NodeId, null, new() { ["timer"] = scheduled.TimerId, ["dueAt"] = scheduled.DueAt.ToUniversalTime() });
                break;
            case TimerFired fired:
                CloseTimer(fired.TimerId, TimerStatus.Fired);
                AddTimeline(TimelineEventTypes.TimerFired, fired.NodeId, null, new() { ["timer"] = fired.TimerId });
                break;
            case TimerCancelled timerCancelled:
                CloseTimer(timerCancelled.TimerId, TimerStatus.Cancelled);
                AddTimeline(TimelineEventTypes.TimerCancelled, timerCancelled.NodeId, null, new() { ["timer"] = timerCancelled.TimerId });
                break;
            case MessageRequested message:
                var key = $"{instance.Id:N}:{message.NodeId}:{instance.Revision}:{index}";
                Rows.Outbox.Add(WorkflowJournal.OutboxRow(new OutboxMessageRequest(instance.Id, message.NodeId, message.Type, message.To, message.Template, key), now));
                AddTimeline(TimelineEventTypes.MessageRequested, message.NodeId, null, new()
                {
                    ["type"] = message.Type,
                    ["to"] = message.To,
                    ["template"] = message.Template,
                    ["idempotencyKey"] = key,
                });
                break;
            case IncidentRaised incident:
                AddTimeline(TimelineEventTypes.Incident, incident.NodeId, null, new() { ["token"] = incident.TokenId, ["message"] = incident.Message });
                break;
            case TokenMoved moved:
                AddTimeline(TimelineEventTypes.TokenMoved, moved.ToNodeId, null, new()
                {
                    ["token"] = moved.TokenId,
                    ["from"] = moved.FromNodeId,
                    ["to"] = moved.ToNodeId,
                    ["reason"] = moved.Reason,
                });
                break;
            case TokenAdded added:
                AddTimeline(TimelineEventTypes.TokenAdded, added.NodeId, null, new() { ["reason"] = added.Reason });
                break;
            case TokenRemoved removed:
                AddTimeline(TimelineEventTypes.TokenRemoved, removed.NodeId, null, new() { ["token"] = removed.TokenId, ["reason"] = removed.Reason });
                break;
            case InstanceCompleted instanceCompleted:
                AddTimeline(TimelineEventTypes.InstanceCompleted, null, null, new() { ["terminated"] = instanceCompleted.Terminated });
                break;
            case InstanceCancelled instanceCancelled:
                AddTimeline(TimelineEventTypes.InstanceCancelled, null, null, new() { ["reason"] = instanceCancelled.Reason });
                break;
            default:
                throw new InvalidOperationException($"The shell does not know the effect {effect.GetType().Name}.");
        }
    }

    private void PlanEscalations(WorkTaskRecord task)
    {
        var policy = task.EscalationPolicy ?? escalations?.DefaultPolicy;
        if (escalations is null || task.DueAt is not { } due || policy is null)
        {
            return;
        }

        foreach (var (level, dueAt) in escalations.Plan(policy, due))
        {
            Rows.Escalations.Add(new EscalationRecord
            {
                Id = Guid.CreateVersion7(now),
                InstanceId = instance.Id,
                TaskRowId = task.Id,
                Level = level,
                Policy = policy,
                DueAt = dueAt.ToUniversalTime(),
            });
        }
    }

    private string? AgencyFor(string? roleKey)
    {
        if (roleKey is null || instance.RoleAgenciesJson is null)
        {
            return null;
        }

        _roleAgencies ??= System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(instance.RoleAgenciesJson) ?? [];
        return _roleAgencies.GetValueOrDefault(roleKey);
    }

    private void CloseTask(int taskId, WorkTaskStatus status, string? outcomeJson, string? cancelReason)
    {
        var closing = new TaskClosing(taskId, status, now, outcomeJson, cancelReason);
        if (_tasks.TryGetValue(taskId, out var task))
        {
            closing.ApplyTo(task);
        }
        else
        {
            Rows.ClosedTasks.Add(closing);
        }
    }

    private void ScheduleTimer(TimerScheduled scheduled, InstanceState state)
    {
        // A cycle timer keeps its id across firings: the writer reschedules a stored row rather than adding a second one.
        if (!_timers.TryGetValue(scheduled.TimerId, out var timer))
        {
            timer = new TimerRecord { Id = Guid.CreateVersion7(now), InstanceId = instance.Id, TimerId = scheduled.TimerId, NodeId = scheduled.NodeId };
            Rows.ScheduledTimers.Add(timer);
            _timers[scheduled.TimerId] = timer;
        }

        timer.NodeId = scheduled.NodeId;
        timer.DueAt = scheduled.DueAt.ToUniversalTime();
        timer.Status = TimerStatus.Pending;
        timer.TokenId = state.Timers.FirstOrDefault(t => t.Id == scheduled.TimerId)?.TokenId;
        timer.DispatchedAt = null;
        timer.ClosedAt = null;
        timer.CreatedAt = now;
    }

    private void CloseTimer(int timerId, TimerStatus status)
    {
        if (_timers.TryGetValue(timerId, out var timer))
        {
            timer.Status = status;
            timer.ClosedAt = now;
            return;
        }

        Rows.ClosedTimers.Add(new TimerClosing(timerId, status, now));
    }
}

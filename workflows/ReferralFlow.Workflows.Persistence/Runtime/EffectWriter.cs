using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>Turns one command's result into row changes on the context: state, tasks, timers, outbox and timeline.</summary>
internal sealed class EffectWriter(
    WorkflowDbContext db, WorkflowInstanceRecord instance, DateTimeOffset now, string? actor, IEscalationPlanner? escalations = null, IStepAlertPlanner? alerts = null)
{
    private Dictionary<string, string>? _roleAgencies;

    private readonly Dictionary<int, WorkTaskRecord> _tasks = [];
    private readonly Dictionary<int, TimerRecord> _timers = [];
    private readonly List<WorkTaskRecord> _created = [];

    private readonly WorkflowJournal _journal = new(db);

    public void AddTimeline(string type, string? nodeId, int? taskId, Dictionary<string, object?>? data) =>
        _journal.AppendTimeline(instance.Id, now, type, nodeId, taskId, actor, data is null ? null : VariableJson.ToJson(data));

    public async Task WriteAsync(WorkflowCommand command, ExecutionResult result, CancellationToken cancellationToken)
    {
        instance.Revision++;
        instance.StateJson = InstanceStateJson.Serialize(result.State);
        instance.Status = result.State.Status;
        instance.UpdatedAt = now;
        if (result.State.IsEnded)
        {
            instance.EndedAt ??= now;
        }

        await LoadExistingRowsAsync(result.Effects, cancellationToken);
        for (var i = 0; i < result.Effects.Count; i++)
        {
            Write(result.Effects[i], i, command, result.State);
        }

        await QueueAlertsAsync(cancellationToken);
    }

    // After every effect, so a step created and completed by the same command is not announced.
    private async Task QueueAlertsAsync(CancellationToken cancellationToken)
    {
        if (alerts is null)
        {
            return;
        }

        foreach (var task in _created.Where(t => t.Status == WorkTaskStatus.Open))
        {
            var step = new NewStep(instance.Id, task.Id, task.TaskId, task.NodeId, task.Name, task.RoleKey, task.AgencyId, task.DueAt);
            foreach (var alert in await alerts.PlanAsync(step, cancellationToken))
            {
                _journal.EnqueueMessage(
                    new OutboxMessageRequest(instance.Id, task.NodeId, alert.Type, alert.To, alert.Template, $"{alert.Template}:{task.Id:N}", alert.DataJson), now);
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
                db.Tasks.Add(task);
                _tasks[created.TaskId] = task;
                _created.Add(task);
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
                var done = CloseTask(completed.TaskId, WorkTaskStatus.Completed);
                done.OutcomeJson = outcome is null ? null : VariableJson.ToJson(outcome);
                AddTimeline(TimelineEventTypes.TaskCompleted, completed.NodeId, completed.TaskId, outcome is null ? null : new() { ["outcome"] = outcome });
                break;
            case TaskCancelled cancelled:
                CloseTask(cancelled.TaskId, WorkTaskStatus.Cancelled).CancelReason = cancelled.Reason;
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
                _journal.EnqueueMessage(new OutboxMessageRequest(instance.Id, message.NodeId, message.Type, message.To, message.Template, key), now);
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
            db.Escalations.Add(new EscalationRecord
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

    private WorkTaskRecord CloseTask(int taskId, WorkTaskStatus status)
    {
        var task = _tasks.GetValueOrDefault(taskId)
            ?? throw new InvalidOperationException($"Instance {instance.Id} has no row for task {taskId}.");
        task.Status = status;
        task.CompletedAt = now;
        task.Revision++;
        return task;
    }

    private void ScheduleTimer(TimerScheduled scheduled, InstanceState state)
    {
        // A cycle timer keeps its id across firings, so an existing row is rescheduled rather than duplicated.
        if (!_timers.TryGetValue(scheduled.TimerId, out var timer))
        {
            timer = new TimerRecord { Id = Guid.CreateVersion7(now), InstanceId = instance.Id, TimerId = scheduled.TimerId, NodeId = scheduled.NodeId };
            db.Timers.Add(timer);
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
        var timer = _timers.GetValueOrDefault(timerId)
            ?? throw new InvalidOperationException($"Instance {instance.Id} has no row for timer {timerId}.");
        timer.Status = status;
        timer.ClosedAt = now;
    }

    private async Task LoadExistingRowsAsync(IReadOnlyList<ExecutionEffect> effects, CancellationToken cancellationToken)
    {
        if (db.Entry(instance).State == EntityState.Added)
        {
            return;
        }

        var taskIds = effects.Select(e => e switch
        {
            TaskCompleted c => c.TaskId,
            TaskCancelled c => c.TaskId,
            _ => (int?)null,
        }).OfType<int>().Distinct().ToArray();
        var timerIds = effects.Select(e => e switch
        {
            TimerScheduled t => t.TimerId,
            TimerFired t => t.TimerId,
            TimerCancelled t => t.TimerId,
            _ => (int?)null,
        }).OfType<int>().Distinct().ToArray();
        if (taskIds.Length > 0)
        {
            await foreach (var task in CommandQueries.For(db).Tasks(db, instance.Id, taskIds).WithCancellation(cancellationToken))
            {
                _tasks[task.TaskId] = task;
            }
        }

        if (timerIds.Length > 0)
        {
            await foreach (var timer in CommandQueries.For(db).Timers(db, instance.Id, timerIds).WithCancellation(cancellationToken))
            {
                _timers[timer.TimerId] = timer;
            }
        }
    }
}

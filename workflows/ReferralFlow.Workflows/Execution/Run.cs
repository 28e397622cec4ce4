using System.Collections.Immutable;
using ReferralFlow.Workflows.Escalation;
using ReferralFlow.Workflows.Expressions;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Execution;

/// <summary>One command's execution: a mutable working copy of the state that is frozen again at the end.</summary>
internal sealed partial class Run
{
    // A cycle of gateways without a waiting node would never return; stop it and raise an incident instead.
    private const int MaxStepsPerCommand = 10_000;

    private readonly WorkflowDefinition _definition;
    private readonly DateTimeOffset _now;
    private readonly WorkingCalendar _calendar;
    private readonly ExecutionLimits _limits;
    private readonly List<Token> _tokens;
    private readonly List<PendingTimer> _timers;
    private readonly List<ExecutionEffect> _effects = new(8);
    private readonly Queue<(FlowNode Node, SequenceFlow? Via)> _work = new();
    private ImmutableDictionary<string, object?> _variables;
    private InstanceStatus _status;
    private int _nextId;
    private int _steps;
    private int _tasksCreated;
    private ImmutableDictionary<string, int> _loopVisits;

    public Run(WorkflowDefinition definition, InstanceState state, DateTimeOffset now, WorkingCalendar calendar, ExecutionLimits limits)
    {
        _definition = definition;
        _now = now;
        _calendar = calendar;
        _limits = limits;
        _tokens = [.. state.Tokens];
        _timers = [.. state.Timers];
        _variables = state.Variables;
        _status = state.Status;
        _nextId = state.NextId;
        _tasksCreated = state.TasksCreated;
        _loopVisits = state.LoopVisits;
    }

    public void RequireRunning()
    {
        if (_status != InstanceStatus.Running)
        {
            throw new WorkflowCommandException(WorkflowCommandError.InstanceNotRunning, $"The instance is {_status.ToString().ToLowerInvariant()}, not running.");
        }
    }

    public void Start(IReadOnlyDictionary<string, object?>? variables)
    {
        if (_status != InstanceStatus.NotStarted)
        {
            throw new WorkflowCommandException(WorkflowCommandError.AlreadyStarted, "The instance has already been started.");
        }

        if (_definition.StartEvents.Count != 1)
        {
            throw new WorkflowCommandException(WorkflowCommandError.InvalidDefinition, $"Workflow '{_definition.Id}' needs exactly one start event.");
        }

        Merge(variables);
        _status = InstanceStatus.Running;
        _work.Enqueue((_definition.StartEvents[0], null));
        Drain();
    }

    public void CompleteTask(int taskId, IReadOnlyDictionary<string, object?>? variables)
    {
        var index = _tokens.FindIndex(t => t.Id == taskId && t.State == TokenState.AtTask);
        if (index < 0)
        {
            throw new WorkflowCommandException(WorkflowCommandError.TaskNotOpen, $"Task {taskId} is not open (already completed, cancelled or unknown).");
        }

        var token = _tokens[index];
        _tokens.RemoveAt(index);
        Merge(variables);
        _effects.Add(new TaskCompleted(taskId, token.NodeId));
        CancelTimersOf(taskId);
        Leave(_definition.GetNode(token.NodeId));
        Drain();
    }

    public void FireTimer(int timerId)
    {
        var index = _timers.FindIndex(t => t.Id == timerId);
        if (index < 0)
        {
            throw new WorkflowCommandException(WorkflowCommandError.TimerNotPending, $"Timer {timerId} is not pending (already fired or cancelled).");
        }

        var timer = _timers[index];
        _timers.RemoveAt(index);
        var node = _definition.GetNode(timer.NodeId);
        _effects.Add(new TimerFired(timerId, node.Id));
        switch (node)
        {
            case IntermediateTimerEvent:
                _tokens.RemoveAll(t => t.Id == timer.TokenId);
                Leave(node);
                break;
            case BoundaryTimerEvent { CancelActivity: true } boundary:
                RemoveTaskToken(timer.TokenId, $"Interrupted by timer '{boundary.DisplayName}'.");
                Leave(boundary);
                break;
            case BoundaryTimerEvent boundary:
                var fired = timer.FiredCount + 1;
                if (boundary.Timer.Repetitions is null || fired < boundary.Timer.Repetitions)
                {
                    Schedule(boundary, boundary.Timer.Duration, timer.TokenId, fired);
                }

                Leave(boundary);
                break;
        }

        Drain();
    }

    public void Cancel(string reason)
    {
        CancelAll($"Referral cancelled: {reason}");
        _status = InstanceStatus.Cancelled;
        _effects.Add(new InstanceCancelled(reason));
    }

    public void MoveToken(int tokenId, string targetNodeId, string reason)
    {
        var token = _tokens.Find(t => t.Id == tokenId)
            ?? throw new WorkflowCommandException(WorkflowCommandError.TokenNotFound, $"No waiting token {tokenId}.");
        if (!_definition.TryGetNode(targetNodeId, out var target)
            || target is BoundaryTimerEvent or StartEvent
            || target is ParallelGateway or InclusiveGateway && target.Incoming.Count > 1)
        {
            throw new WorkflowCommandException(WorkflowCommandError.InvalidTarget, $"'{targetNodeId}' is not a step a token can be moved to.");
        }

        if (token.State == TokenState.AtTask)
        {
            RemoveTaskToken(tokenId, $"Moved by repair: {reason}");
        }
        else
        {
            _tokens.Remove(token);
            CancelTimersOf(tokenId);
        }

        _effects.Add(new TokenMoved(tokenId, token.NodeId, target.Id, reason));
        GrantFreshBudget();
        _work.Enqueue((target, null));
        Drain();
    }

    public ExecutionResult Finish()
    {
        // Every field is set here, so the run keeps no reference to the state it started from.
        var state = new InstanceState
        {
            Status = _status,
            Tokens = [.. _tokens],
            Timers = [.. _timers],
            Variables = _variables,
            NextId = _nextId,
            TasksCreated = _tasksCreated,
            LoopVisits = _loopVisits,
        };
        return new ExecutionResult(state, _effects);
    }

    private void Merge(IReadOnlyDictionary<string, object?>? variables)
    {
        if (variables is { Count: > 0 })
        {
            _variables = _variables.SetItems(variables);
        }
    }

    private bool TryCondition(SequenceFlow flow, out bool holds)
    {
        try
        {
            holds = flow.Condition is null || flow.Condition.EvaluateCondition(_variables);
            return true;
        }
        catch (ExpressionEvaluationException ex)
        {
            Incident(flow.Source, $"The condition of flow '{flow.Id}' could not be evaluated: {ex.Message}");
            holds = false;
            return false;
        }
    }
}

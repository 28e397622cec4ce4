using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Execution;

/// <summary>Token movement: what happens when a token arrives at a node and how it leaves.</summary>
internal sealed partial class Run
{
    private void Drain()
    {
        do
        {
            while (_status == InstanceStatus.Running && _work.TryDequeue(out var item))
            {
                Arrive(item.Node, item.Via);
            }
        }
        while (_status == InstanceStatus.Running && TryFireInclusiveJoin());

        if (_status == InstanceStatus.Running && _tokens.Count == 0)
        {
            _status = InstanceStatus.Completed;
            _effects.Add(new InstanceCompleted(Terminated: false));
        }
    }

    private void Arrive(FlowNode node, SequenceFlow? via)
    {
        if (++_steps > MaxStepsPerCommand)
        {
            _work.Clear();
            Incident(node, $"More than {MaxStepsPerCommand:N0} steps without waiting: the flow loops without a task or timer.");
            return;
        }

        if (node.IsLoopStep && !TryCountLoopVisit(node))
        {
            return;
        }

        switch (node)
        {
            case EndEvent { Terminate: true }:
                Terminate();
                break;
            case EndEvent:
                break;
            case UserTask task:
                CreateTask(task);
                break;
            case SendTask send:
                _effects.Add(new MessageRequested(send.Id, send.SendType, send.To, send.Template));
                Leave(send);
                break;
            case IntermediateTimerEvent timer:
                var tokenId = _nextId++;
                _tokens.Add(new Token(tokenId, timer.Id, TokenState.AtTimer));
                Schedule(timer, timer.Timer.Duration, tokenId, 0);
                break;
            case ExclusiveGateway exclusive:
                Choose(exclusive);
                break;
            case ParallelGateway parallel when parallel.Incoming.Count > 1:
                JoinParallel(parallel, via);
                break;
            case InclusiveGateway inclusive when inclusive.Incoming.Count > 1:
                // Whether the join may fire is decided once no token is in flight (see TryFireInclusiveJoin).
                _tokens.Add(new Token(_nextId++, inclusive.Id, TokenState.AtJoin, via?.Id));
                break;
            case InclusiveGateway inclusive:
                ForkInclusive(inclusive);
                break;
            default:
                Leave(node);
                break;
        }
    }

    private bool TryCountLoopVisit(FlowNode node)
    {
        var visits = _loopVisits.GetValueOrDefault(node.Id) + 1;
        if (visits > _limits.MaxLoopIterations)
        {
            Incident(node, $"'{node.DisplayName}' was reached more than {_limits.MaxLoopIterations:N0} times: the loop is stopped until someone repairs the referral.");
            return false;
        }

        _loopVisits = _loopVisits.SetItem(node.Id, visits);
        return true;
    }

    private void CreateTask(UserTask task)
    {
        if (_tasksCreated >= _limits.MaxTasksPerInstance)
        {
            Incident(task, $"The referral already has {_limits.MaxTasksPerInstance:N0} steps, the most one referral may create: '{task.DisplayName}' waits until someone repairs it.");
            return;
        }

        _tasksCreated++;
        var id = _nextId++;
        _tokens.Add(new Token(id, task.Id, TokenState.AtTask));
        var dueAt = task.Due is not { } due ? (DateTimeOffset?)null
            : task.DueInWorkingDays ? _calendar.AddWorkingDays(_now, due.Days)
            : due.AddTo(_now);
        _effects.Add(new TaskCreated(id, task.Id, task.DisplayName, task.RoleKey, dueAt, task.EscalationPolicy));
        foreach (var boundary in task.BoundaryEvents)
        {
            Schedule(boundary, boundary.Timer.Duration, id, 0);
        }
    }

    private void Schedule(FlowNode node, IsoDuration duration, int tokenId, int firedCount)
    {
        var id = _nextId++;
        var due = duration.AddTo(_now);
        _timers.Add(new PendingTimer(id, node.Id, due, tokenId, firedCount));
        _effects.Add(new TimerScheduled(id, node.Id, due));
    }

    /// <summary>Leaves an activity or event: every unconditional flow, and every conditional flow that holds.</summary>
    private void Leave(FlowNode node)
    {
        var outgoing = node.Outgoing;
        if (outgoing.Count == 1 && outgoing[0].Condition is null)
        {
            _work.Enqueue((outgoing[0].Target, outgoing[0]));
            return;
        }

        TakeAllThatHold(node, fallback: null);
    }

    private void Terminate()
    {
        _work.Clear();
        CancelAll("Ended by a terminate end event.");
        _status = InstanceStatus.Terminated;
        _effects.Add(new InstanceCompleted(Terminated: true));
    }

    private void CancelAll(string reason)
    {
        foreach (var token in _tokens.Where(t => t.State == TokenState.AtTask))
        {
            _effects.Add(new TaskCancelled(token.Id, token.NodeId, reason));
        }

        foreach (var timer in _timers)
        {
            _effects.Add(new TimerCancelled(timer.Id, timer.NodeId));
        }

        _tokens.Clear();
        _timers.Clear();
    }

    private void RemoveTaskToken(int taskId, string reason)
    {
        var index = _tokens.FindIndex(t => t.Id == taskId);
        if (index >= 0)
        {
            _effects.Add(new TaskCancelled(taskId, _tokens[index].NodeId, reason));
            _tokens.RemoveAt(index);
        }

        CancelTimersOf(taskId);
    }

    private void CancelTimersOf(int tokenId)
    {
        for (var i = _timers.Count - 1; i >= 0; i--)
        {
            if (_timers[i].TokenId == tokenId)
            {
                _effects.Add(new TimerCancelled(_timers[i].Id, _timers[i].NodeId));
                _timers.RemoveAt(i);
            }
        }
    }

    private void Incident(FlowNode node, string message)
    {
        var id = _nextId++;
        _tokens.Add(new Token(id, node.Id, TokenState.Incident, Incident: message));
        _effects.Add(new IncidentRaised(id, node.Id, message));
    }
}

using System.Collections.Immutable;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Execution;

/// <summary>Repair commands beyond moving a token: skip a task, cancel a branch, add a token.</summary>
internal sealed partial class Run
{
    public void SkipTask(int taskId, string reason)
    {
        var token = _tokens.Find(t => t.Id == taskId && t.State == TokenState.AtTask)
            ?? throw new WorkflowCommandException(WorkflowCommandError.TaskNotOpen, $"Task {taskId} is not open (already completed, cancelled or unknown).");
        RemoveTaskToken(taskId, $"Skipped by repair: {reason}");
        Leave(_definition.GetNode(token.NodeId));
        Drain();
    }

    public void CancelBranch(int tokenId, string reason)
    {
        var token = _tokens.Find(t => t.Id == tokenId)
            ?? throw new WorkflowCommandException(WorkflowCommandError.TokenNotFound, $"No waiting token {tokenId}.");
        if (token.State == TokenState.AtTask)
        {
            RemoveTaskToken(tokenId, $"Branch cancelled by repair: {reason}");
        }
        else
        {
            _tokens.Remove(token);
            CancelTimersOf(tokenId);
        }

        _effects.Add(new TokenRemoved(tokenId, token.NodeId, reason));

        // Drain fires inclusive joins that waited for this token, and completes the instance when nothing is left.
        Drain();
    }

    public void AddToken(string nodeId, string reason)
    {
        var target = RepairTarget(nodeId);
        _effects.Add(new TokenAdded(target.Id, reason));
        GrantFreshBudget();
        _work.Enqueue((target, null));
        Drain();
    }

    // Whoever repairs a stopped instance has looked at it: the limits count again from zero, or the token would stop at once.
    private void GrantFreshBudget()
    {
        _tasksCreated = 0;
        _loopVisits = ImmutableDictionary<string, int>.Empty;
    }

    // The same targets MoveToken accepts: no start or boundary event, and no join (it would wait for a flow it never took).
    private FlowNode RepairTarget(string nodeId)
    {
        if (!_definition.TryGetNode(nodeId, out var target)
            || target is BoundaryTimerEvent or StartEvent
            || target is ParallelGateway or InclusiveGateway && target.Incoming.Count > 1)
        {
            throw new WorkflowCommandException(WorkflowCommandError.InvalidTarget, $"'{nodeId}' is not a step a token can be added to.");
        }

        return target;
    }
}

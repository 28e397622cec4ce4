using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Execution;

/// <summary>Why a running instance cannot move to another version of its workflow.</summary>
/// <param name="NodeId">The node of the old version that has no counterpart.</param>
/// <param name="Message">What is missing or different.</param>
public sealed record MigrationProblem(string NodeId, string Message);

/// <summary>
/// Decides whether a running instance can continue on another version of its workflow without translation: the
/// state (tokens, timers, variables) is kept as it is, so every node that holds a token or a pending timer must exist
/// in the new version with the same id and the same kind, and a token waiting at a join must have arrived by a flow
/// the new version still has. A pure function; the shell applies the move.
/// </summary>
public static class InstanceMigration
{
    /// <summary>Lists every reason the state cannot run on <paramref name="to"/>; empty when it can.</summary>
    /// <param name="from">The version the instance runs on.</param>
    /// <param name="to">The version it should move to.</param>
    /// <param name="state">The instance's current state.</param>
    public static IReadOnlyList<MigrationProblem> Check(WorkflowDefinition from, WorkflowDefinition to, InstanceState state)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(state);
        var problems = new List<MigrationProblem>();
        foreach (var token in state.Tokens)
        {
            if (CheckNode(from, to, token.NodeId) is { } problem)
            {
                problems.Add(problem);
            }
            else if (token.ArrivedVia is { } flowId
                && (!to.TryGetFlow(flowId, out var flow) || flow.Target.Id != token.NodeId))
            {
                problems.Add(new MigrationProblem(token.NodeId, $"A token waits at the join '{token.NodeId}' having arrived by flow '{flowId}', which does not lead into it in the new version."));
            }
        }

        foreach (var timer in state.Timers)
        {
            if (CheckNode(from, to, timer.NodeId) is { } problem)
            {
                problems.Add(problem);
            }
            else if (from.TryGetNode(timer.NodeId, out var old) && old is BoundaryTimerEvent oldBoundary
                && to.GetNode(timer.NodeId) is BoundaryTimerEvent newBoundary
                && oldBoundary.AttachedTo.Id != newBoundary.AttachedTo.Id)
            {
                problems.Add(new MigrationProblem(timer.NodeId, $"The timer '{timer.NodeId}' is attached to '{newBoundary.AttachedTo.Id}' in the new version, not '{oldBoundary.AttachedTo.Id}'."));
            }
        }

        return problems.DistinctBy(p => (p.NodeId, p.Message)).ToList();
    }

    private static MigrationProblem? CheckNode(WorkflowDefinition from, WorkflowDefinition to, string nodeId)
    {
        if (!to.TryGetNode(nodeId, out var target))
        {
            return new MigrationProblem(nodeId, $"'{nodeId}' does not exist in the new version.");
        }

        if (from.TryGetNode(nodeId, out var source) && source.GetType() != target.GetType())
        {
            return new MigrationProblem(nodeId, $"'{nodeId}' is a {Kind(source)} in the current version but a {Kind(target)} in the new one.");
        }

        return null;
    }

    private static string Kind(FlowNode node) => node switch
    {
        UserTask => "user task",
        SendTask => "send task",
        ExclusiveGateway => "exclusive gateway",
        ParallelGateway => "parallel gateway",
        InclusiveGateway => "inclusive gateway",
        IntermediateTimerEvent => "timer event",
        BoundaryTimerEvent => "boundary timer",
        StartEvent => "start event",
        EndEvent => "end event",
        _ => node.GetType().Name,
    };
}

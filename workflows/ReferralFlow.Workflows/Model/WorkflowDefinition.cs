namespace ReferralFlow.Workflows.Model;

/// <summary>
/// An immutable, executable workflow graph parsed from one BPMN process: node ids resolved to objects and
/// conditions compiled. Build it with <see cref="Parsing.BpmnParser"/>; cache it per published version.
/// </summary>
public sealed class WorkflowDefinition
{
    private readonly Dictionary<string, FlowNode> _nodes;
    private readonly Dictionary<string, SequenceFlow> _flows;

    internal WorkflowDefinition(
        string id,
        string? name,
        IReadOnlyList<FlowNode> nodes,
        IReadOnlyList<SequenceFlow> flows,
        IReadOnlyList<Lane> lanes)
    {
        Id = id;
        Name = name;
        NodeList = nodes;
        FlowList = flows;
        Lanes = lanes;
        _nodes = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        // Ids are unique in a valid document; an invalid one (duplicate-id reported) still builds, the first flow winning.
        _flows = new Dictionary<string, SequenceFlow>(flows.Count, StringComparer.Ordinal);
        foreach (var flow in flows)
        {
            _flows.TryAdd(flow.Id, flow);
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i].Index = i;
        }

        StartEvents = nodes.OfType<StartEvent>().ToList();
        Roles = lanes.Select(l => new Role(l.RoleKey, l.Name))
            .Concat(nodes.OfType<UserTask>().Where(t => t.RoleKey is not null).Select(t => new Role(t.RoleKey!, null)))
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(r => r.Name is not null) ?? g.First())
            .ToList();
        foreach (var join in nodes.OfType<InclusiveGateway>().Where(g => g.Incoming.Count > 1))
        {
            join.Upstream = ComputeUpstream(join, nodes.Count);
        }

        foreach (var node in LoopGraph.NodesOnCycles(nodes))
        {
            node.IsLoopStep = node is Activity or IntermediateTimerEvent;
        }
    }

    /// <summary>The nodes a token can move to from <paramref name="node"/>: flow targets and attached boundary events.</summary>
    internal static IEnumerable<FlowNode> Successors(FlowNode node)
    {
        foreach (var flow in node.Outgoing)
        {
            yield return flow.Target;
        }

        if (node is Activity activity)
        {
            foreach (var boundary in activity.BoundaryEvents)
            {
                yield return boundary;
            }
        }
    }

    // Marks every node from which the join can still be reached without passing through the join itself;
    // a token on such a node may still arrive, so the inclusive join must wait for it.
    private static bool[] ComputeUpstream(InclusiveGateway join, int count)
    {
        var upstream = new bool[count];
        var stack = new Stack<FlowNode>(join.Incoming.Select(f => f.Source));
        while (stack.TryPop(out var node))
        {
            if (node == join || upstream[node.Index])
            {
                continue;
            }

            upstream[node.Index] = true;
            foreach (var flow in node.Incoming)
            {
                stack.Push(flow.Source);
            }

            if (node is BoundaryTimerEvent boundary && boundary.AttachedTo is not null)
            {
                stack.Push(boundary.AttachedTo);
            }
        }

        return upstream;
    }

    /// <summary>The BPMN process id; used as the workflow key.</summary>
    public string Id { get; }

    /// <summary>The process name.</summary>
    public string? Name { get; }

    /// <summary>All executable nodes in document order.</summary>
    public IReadOnlyList<FlowNode> NodeList { get; }

    /// <summary>All sequence flows in document order.</summary>
    public IReadOnlyList<SequenceFlow> FlowList { get; }

    /// <summary>The lanes (roles) of the process.</summary>
    public IReadOnlyList<Lane> Lanes { get; }

    /// <summary>Every role key used by lanes and user tasks, with a display name where a lane gives one.</summary>
    public IReadOnlyList<Role> Roles { get; }

    /// <summary>The none start events (a valid definition has exactly one).</summary>
    public IReadOnlyList<StartEvent> StartEvents { get; }

    /// <summary>Looks a node up by id.</summary>
    public FlowNode GetNode(string id) =>
        _nodes.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"No node '{id}' in workflow '{Id}'.");

    /// <summary>Looks a node up by id.</summary>
    public bool TryGetNode(string id, out FlowNode node) => _nodes.TryGetValue(id, out node!);

    /// <summary>Looks a sequence flow up by id.</summary>
    public bool TryGetFlow(string id, out SequenceFlow flow) => _flows.TryGetValue(id, out flow!);
}

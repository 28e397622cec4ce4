namespace ReferralFlow.Workflows.Model;

/// <summary>A node of an executable workflow graph (event, activity or gateway).</summary>
public abstract class FlowNode
{
    private readonly List<SequenceFlow> _incoming = [];
    private readonly List<SequenceFlow> _outgoing = [];

    /// <summary>Creates a node.</summary>
    protected FlowNode(string id, string? name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>The BPMN element id.</summary>
    public string Id { get; }

    /// <summary>The display name, if any.</summary>
    public string? Name { get; }

    /// <summary>The lane (role) the node is drawn in, if any.</summary>
    public Lane? Lane { get; internal set; }

    /// <summary>Sequence flows entering the node.</summary>
    public IReadOnlyList<SequenceFlow> Incoming => _incoming;

    /// <summary>Sequence flows leaving the node, in document order.</summary>
    public IReadOnlyList<SequenceFlow> Outgoing => _outgoing;

    /// <summary>Dense index of the node inside its definition (for array-based bookkeeping).</summary>
    public int Index { get; internal set; }

    /// <summary>True for a task or timer event on a loop of the diagram; the interpreter counts how often such steps are entered.</summary>
    internal bool IsLoopStep { get; set; }

    /// <summary>The node's name, or its id when it has no name.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;

    internal void AddIncoming(SequenceFlow flow) => _incoming.Add(flow);

    internal void AddOutgoing(SequenceFlow flow) => _outgoing.Add(flow);

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} {Id}";
}

/// <summary>A none start event.</summary>
public sealed class StartEvent(string id, string? name) : FlowNode(id, name);

/// <summary>A none or terminate end event.</summary>
public sealed class EndEvent(string id, string? name, bool terminate) : FlowNode(id, name)
{
    /// <summary>True for a terminate end event: it ends every branch and cancels open tasks.</summary>
    public bool Terminate { get; } = terminate;
}

/// <summary>An intermediate timer catch event: the token waits for the duration.</summary>
public sealed class IntermediateTimerEvent(string id, string? name, TimerDefinition timer) : FlowNode(id, name)
{
    /// <summary>When the timer fires.</summary>
    public TimerDefinition Timer { get; } = timer;
}

/// <summary>A timer boundary event attached to an activity.</summary>
public sealed class BoundaryTimerEvent(string id, string? name, TimerDefinition timer, bool cancelActivity)
    : FlowNode(id, name)
{
    /// <summary>When the timer fires.</summary>
    public TimerDefinition Timer { get; } = timer;

    /// <summary>True when firing cancels the activity (interrupting); false leaves it open and starts a parallel path.</summary>
    public bool CancelActivity { get; } = cancelActivity;

    /// <summary>The activity the event is attached to.</summary>
    public Activity AttachedTo { get; internal set; } = null!;
}

/// <summary>Base class of gateways.</summary>
public abstract class Gateway(string id, string? name) : FlowNode(id, name)
{
    /// <summary>The default flow, taken when no other condition holds (exclusive and inclusive only).</summary>
    public SequenceFlow? Default { get; internal set; }
}

/// <summary>Exclusive (XOR) gateway: the first flow whose condition holds, else the default; as a join it passes every token.</summary>
public sealed class ExclusiveGateway(string id, string? name) : Gateway(id, name);

/// <summary>Parallel (AND) gateway: forks every flow; joins by waiting for one token per incoming flow.</summary>
public sealed class ParallelGateway(string id, string? name) : Gateway(id, name);

/// <summary>Inclusive (OR) gateway: forks every flow whose condition holds (else the default); joins when no further token can arrive.</summary>
public sealed class InclusiveGateway(string id, string? name) : Gateway(id, name)
{
    /// <summary>Indexes of nodes from which this gateway is reachable (computed once per definition).</summary>
    internal bool[] Upstream { get; set; } = [];
}

/// <summary>
/// An element the engine does not run (always reported as an error), kept in the graph so every check reasons over the
/// model as written: flows to and from it still count. A definition containing one is never valid, so it is never run.
/// </summary>
public sealed class UnsupportedNode(string id, string? name, string kind) : FlowNode(id, name)
{
    /// <summary>The BPMN element name, e.g. <c>serviceTask</c>.</summary>
    public string Kind { get; } = kind;

    /// <summary>For a boundary event, the id of the activity it is attached to.</summary>
    public string? AttachedToId { get; internal init; }
}

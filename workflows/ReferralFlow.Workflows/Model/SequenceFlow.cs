using ReferralFlow.Workflows.Expressions;

namespace ReferralFlow.Workflows.Model;

/// <summary>A sequence flow between two nodes.</summary>
public sealed class SequenceFlow(string id, string? name, FlowNode source, FlowNode target)
{
    /// <summary>The BPMN element id.</summary>
    public string Id { get; } = id;

    /// <summary>The display name (often the condition's label).</summary>
    public string? Name { get; } = name;

    /// <summary>The node the flow leaves.</summary>
    public FlowNode Source { get; } = source;

    /// <summary>The node the flow enters.</summary>
    public FlowNode Target { get; } = target;

    /// <summary>The compiled condition, or null for an unconditional flow.</summary>
    public Expression? Condition { get; internal set; }

    /// <summary>True when the condition text did not parse (already reported; the flow is not checked again).</summary>
    internal bool HasInvalidCondition { get; set; }

    /// <summary>True when this is the default flow of its source gateway.</summary>
    public bool IsDefault => Source is Gateway g && ReferenceEquals(g.Default, this);
}

/// <summary>A lane of the process: a role in the referral.</summary>
public sealed class Lane(string id, string? name, string roleKey)
{
    /// <summary>The BPMN element id.</summary>
    public string Id { get; } = id;

    /// <summary>The display name.</summary>
    public string? Name { get; } = name;

    /// <summary>The role key (<c>rf:role</c>, or a slug derived from the name).</summary>
    public string RoleKey { get; } = roleKey;
}

/// <summary>A workflow role: a key and the display name of its lane.</summary>
public sealed record Role(string Key, string? Name);

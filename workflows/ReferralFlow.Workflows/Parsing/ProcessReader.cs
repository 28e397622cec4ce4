using System.Xml.Linq;
using ReferralFlow.Workflows.Expressions;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>Turns one <c>bpmn:process</c> element into a definition graph, reporting what it cannot execute.</summary>
internal sealed partial class ProcessReader(XElement process, BpmnParserOptions options, List<ValidationIssue> issues)
{
    private readonly List<FlowNode> _nodes = [];
    private readonly Dictionary<string, FlowNode> _byId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly List<(BoundaryTimerEvent Boundary, string AttachedTo, XElement Element)> _boundaries = [];

    /// <summary>Edges that touch a reported (unsupported or invalid) element, so reachability can pass through it.</summary>
    public List<(string From, string To)> ReportedEdges { get; } = [];

    public WorkflowDefinition Read()
    {
        var lanes = LaneReader.Read(process, issues);
        var elements = process.Elements().Where(e => e.Name.Namespace == BpmnNames.Bpmn).ToList();
        if (elements.Count > options.MaxElements)
        {
            issues.Add(Issue.Error("too-many-elements", (string?)process.Attribute("id"), $"The process has {elements.Count:N0} elements; the limit is {options.MaxElements:N0}.", process));
            elements = elements.Take(options.MaxElements).ToList();
        }

        foreach (var element in elements.Where(e => e.Name.LocalName != "sequenceFlow"))
        {
            ReadNode(element);
        }

        AttachBoundaries();
        var flows = elements.Where(e => e.Name.LocalName == "sequenceFlow").Select(ReadFlow).OfType<SequenceFlow>().ToList();
        ResolveDefaults(elements);
        foreach (var node in _nodes)
        {
            if (lanes.ByNode.TryGetValue(node.Id, out var lane))
            {
                node.Lane = lane;
            }

            if (node is UserTask { RoleKey: null } task && task.Lane is not null)
            {
                task.RoleKey = task.Lane.RoleKey;
            }
        }

        return new WorkflowDefinition(
            (string?)process.Attribute("id") ?? "process",
            (string?)process.Attribute("name"),
            _nodes,
            flows,
            lanes.All);
    }

    private void ReadNode(XElement element)
    {
        var local = element.Name.LocalName;
        var id = (string?)element.Attribute("id");
        var name = (string?)element.Attribute("name");
        if (BpmnNames.Ignored.Contains(local))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            issues.Add(Issue.Error("missing-id", null, $"A '{local}' element has no id.", element));
            return;
        }

        if (BpmnNames.Unsupported.TryGetValue(local, out var why))
        {
            Unsupported(element, id, why);
            return;
        }

        var node = local switch
        {
            "startEvent" => ReadStart(element, id, name),
            "endEvent" => ReadEnd(element, id, name),
            "userTask" => ReadUserTask(element, id, name),
            "task" or "manualTask" => ReadPlainTask(element, id, name, local),
            "sendTask" or "serviceTask" => ReadSendTask(element, id, name, local),
            "exclusiveGateway" => new ExclusiveGateway(id, name),
            "parallelGateway" => new ParallelGateway(id, name),
            "inclusiveGateway" => new InclusiveGateway(id, name),
            "intermediateCatchEvent" => ReadIntermediateCatch(element, id, name),
            "boundaryEvent" => ReadBoundary(element, id, name),
            _ => Unknown(element, id, local),
        };
        if (node is not null && _byId.TryAdd(id, node))
        {
            _nodes.Add(node);
        }
    }

    private void AttachBoundaries()
    {
        foreach (var (boundary, attachedTo, element) in _boundaries)
        {
            if (_byId.TryGetValue(attachedTo, out var host) && host is Activity activity)
            {
                boundary.AttachedTo = activity;
                activity.AddBoundaryEvent(boundary);
                continue;
            }

            _byId.Remove(boundary.Id);
            _nodes.Remove(boundary);
            issues.Add(Issue.Error("invalid-attachment", boundary.Id, _reported.Contains(attachedTo)
                ? $"Boundary event '{boundary.DisplayName}' is attached to '{attachedTo}', which is not supported (see that element)."
                : $"Boundary event '{boundary.DisplayName}' is attached to '{attachedTo}', which is not a task of this process.", element));
            _reported.Add(boundary.Id);
            ReportedEdges.Add((attachedTo, boundary.Id));
        }
    }

    private SequenceFlow? ReadFlow(XElement element)
    {
        var id = (string?)element.Attribute("id");
        var sourceId = (string?)element.Attribute("sourceRef") ?? "";
        var targetId = (string?)element.Attribute("targetRef") ?? "";
        if (id is null)
        {
            issues.Add(Issue.Error("missing-id", null, "A sequence flow has no id.", element));
            return null;
        }

        var source = Resolve(sourceId, id, "source", element);
        var target = Resolve(targetId, id, "target", element);
        if (source is null || target is null)
        {
            ReportedEdges.Add((sourceId, targetId));
            return null;
        }

        var flow = new SequenceFlow(id, (string?)element.Attribute("name"), source, target);
        var condition = element.Element(BpmnNames.Bpmn + "conditionExpression")?.Value;
        if (!string.IsNullOrWhiteSpace(condition))
        {
            var parsed = ExpressionParser.Parse(condition);
            if (parsed.Expression is null)
            {
                issues.Add(Issue.Error("invalid-expression", id, $"The condition '{condition.Trim()}' does not parse: {parsed.Error}", element));
                flow.HasInvalidCondition = true;
            }

            flow.Condition = parsed.Expression;
        }

        source.AddOutgoing(flow);
        target.AddIncoming(flow);
        return flow;
    }

    private FlowNode? Resolve(string refId, string flowId, string end, XElement element)
    {
        if (_byId.TryGetValue(refId, out var node))
        {
            return node;
        }

        // A flow touching an element that was already reported needs no second message.
        if (!_reported.Contains(refId))
        {
            issues.Add(Issue.Error("missing-reference", flowId, $"Sequence flow '{flowId}' has {end} '{refId}', which is not an element of this process.", element));
        }

        return null;
    }

    private void ResolveDefaults(List<XElement> elements)
    {
        foreach (var element in elements)
        {
            if ((string?)element.Attribute("default") is not { } defaultId
                || !_byId.TryGetValue((string?)element.Attribute("id") ?? "", out var node))
            {
                continue;
            }

            var flow = node.Outgoing.FirstOrDefault(f => f.Id == defaultId);
            if (flow is null)
            {
                issues.Add(Issue.Error("invalid-default", node.Id, $"The default flow '{defaultId}' is not an outgoing flow of '{node.DisplayName}'.", element));
            }
            else if (node is Gateway gateway)
            {
                gateway.Default = flow;
            }
            else
            {
                issues.Add(Issue.Warning("default-ignored", node.Id, $"Default flows are honoured on gateways only; on '{node.DisplayName}' flow '{defaultId}' is taken like any unconditional flow.", element));
            }
        }
    }

    private static string? EventDefinitionOf(XElement element) =>
        element.Elements().FirstOrDefault(e => e.Name.Namespace == BpmnNames.Bpmn && BpmnNames.EventDefinitions.Contains(e.Name.LocalName))?.Name.LocalName;
}

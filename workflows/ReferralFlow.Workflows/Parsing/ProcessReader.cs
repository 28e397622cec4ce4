using System.Xml.Linq;
using ReferralFlow.Workflows.Expressions;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>Turns one <c>bpmn:process</c> element into a definition graph, reporting what it cannot execute.</summary>
internal sealed class ProcessReader(XElement process, BpmnParserOptions options, List<ValidationIssue> issues)
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

    private FlowNode? Unknown(XElement element, string id, string local)
    {
        Unsupported(element, id, $"'{local}' is not part of the executable subset");
        return null;
    }

    private void Unsupported(XElement element, string id, string why)
    {
        _reported.Add(id);
        issues.Add(Issue.Error("unsupported-element", id, $"{element.Name.LocalName} '{(string?)element.Attribute("name") ?? id}': {why}.", element));
    }

    private FlowNode? ReadStart(XElement element, string id, string? name)
    {
        var definition = EventDefinitionOf(element);
        if (definition is not null)
        {
            Unsupported(element, id, $"start events with a {definition} are not supported; use a none start event");
            return null;
        }

        return new StartEvent(id, name);
    }

    private FlowNode? ReadEnd(XElement element, string id, string? name)
    {
        var definition = EventDefinitionOf(element);
        if (definition is null or "terminateEventDefinition")
        {
            return new EndEvent(id, name, definition is not null);
        }

        Unsupported(element, id, $"end events with a {definition} are not supported; use a none or terminate end event");
        return null;
    }

    private FlowNode? ReadIntermediateCatch(XElement element, string id, string? name)
    {
        var definition = EventDefinitionOf(element);
        if (definition != "timerEventDefinition")
        {
            Unsupported(element, id, $"intermediate catch events with a {definition ?? "missing event definition"} are not supported; only timers are");
            return null;
        }

        var timer = TimerReader.Read(element, id, allowCycle: false, issues, _reported);
        return timer is null ? null : new IntermediateTimerEvent(id, name, timer);
    }

    private FlowNode? ReadBoundary(XElement element, string id, string? name)
    {
        var definition = EventDefinitionOf(element);
        var cancel = (string?)element.Attribute("cancelActivity") != "false";
        if (definition != "timerEventDefinition")
        {
            Unsupported(element, id, $"boundary events with a {definition ?? "missing event definition"} are not supported; only timers are");
            return null;
        }

        var timer = TimerReader.Read(element, id, allowCycle: !cancel, issues, _reported);
        if (timer is null)
        {
            return null;
        }

        var boundary = new BoundaryTimerEvent(id, name, timer, cancel);
        _boundaries.Add((boundary, (string?)element.Attribute("attachedToRef") ?? "", element));
        return boundary;
    }

    private UserTask ReadUserTask(XElement element, string id, string? name) =>
        new(id, name)
        {
            RoleKey = Extensions.RoleOf(element),
            Due = Extensions.DueOf(element, id, issues),
            EscalationPolicy = (string?)element.Attribute(BpmnNames.Rf + "escalation"),
            Fields = FieldReader.Read(element, id, issues),
            Documentation = Extensions.DocumentationOf(element),
        };

    private UserTask ReadPlainTask(XElement element, string id, string? name, string local)
    {
        issues.Add(Issue.Warning("task-as-user-task", id, $"{local} '{name ?? id}' has no type; it runs as a user task for its lane's role.", element));
        return ReadUserTask(element, id, name);
    }

    private FlowNode? ReadSendTask(XElement element, string id, string? name, string local)
    {
        var type = Extensions.SendTypeOf(element);
        if (type is not ("email" or "notify-referrer"))
        {
            Unsupported(element, id, type is null
                ? $"{local}s need a built-in rf:type (email or notify-referrer)"
                : $"rf:type '{type}' is not a built-in type (email or notify-referrer)");
            return null;
        }

        return new SendTask(id, name)
        {
            SendType = type,
            To = (string?)element.Attribute(BpmnNames.Rf + "to"),
            Template = (string?)element.Attribute(BpmnNames.Rf + "template"),
            Documentation = Extensions.DocumentationOf(element),
        };
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

using System.Xml.Linq;
using ReferralFlow.Workflows.Expressions;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>
/// Turns one <c>bpmn:process</c> element into a definition graph, reporting what it cannot execute. Elements it cannot
/// run stay in the graph as <see cref="UnsupportedNode"/>s, so flows to them still count in every later check.
/// </summary>
internal sealed partial class ProcessReader(XElement process, List<ValidationIssue> issues)
{
    private readonly List<FlowNode> _nodes = [];
    private readonly Dictionary<string, FlowNode> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _otherKinds = new(StringComparer.Ordinal);
    private readonly List<(FlowNode Node, XElement Element)> _withDefault = [];
    private readonly List<(UserTask Task, XElement Element)> _plainTasks = [];
    private readonly List<(BoundaryTimerEvent Boundary, string AttachedTo, XElement Element)> _boundaries = [];

    public WorkflowDefinition Read()
    {
        var lanes = LaneReader.Read(process, issues);
        var elements = process.Elements().Where(e => e.Name.Namespace == BpmnNames.Bpmn).ToList();
        foreach (var element in elements.Where(e => e.Name.LocalName != "sequenceFlow"))
        {
            ReadNode(element);
        }

        foreach (var element in elements.Where(e => e.Attribute("id") is not null))
        {
            _otherKinds.TryAdd((string)element.Attribute("id")!, element.Name.LocalName);
        }

        AttachBoundaries();
        var flows = elements.Where(e => e.Name.LocalName == "sequenceFlow").Select(ReadFlow).OfType<SequenceFlow>().ToList();
        ResolveDefaults();
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

        ReportPlainTasks();
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
            issues.Add(Issue.Error("missing-id", null, element, ("kind", local)));
            return;
        }

        // The parser reported the duplicate id; the first element with it is the one read.
        if (_byId.ContainsKey(id))
        {
            return;
        }

        FlowNode? node;
        if (BpmnNames.Unsupported.TryGetValue(local, out var reason))
        {
            Unsupported(element, id, reason);
            node = null;
        }
        else
        {
            node = local switch
            {
                "startEvent" => ReadStart(element, id, name),
                "endEvent" => ReadEnd(element, id, name),
                "userTask" => ReadUserTask(element, id, name),
                "task" or "manualTask" => ReadPlainTask(element, id, name),
                "sendTask" or "serviceTask" => ReadSendTask(element, id, name, local),
                "exclusiveGateway" => new ExclusiveGateway(id, name),
                "parallelGateway" => new ParallelGateway(id, name),
                "inclusiveGateway" => new InclusiveGateway(id, name),
                "intermediateCatchEvent" => ReadIntermediateCatch(element, id, name),
                "boundaryEvent" => ReadBoundary(element, id, name),
                _ => Unknown(element, id),
            };
        }

        node ??= new UnsupportedNode(id, name, local) { AttachedToId = local == "boundaryEvent" ? (string?)element.Attribute("attachedToRef") : null };
        _byId.Add(id, node);
        _nodes.Add(node);
        if (node is BoundaryTimerEvent boundary)
        {
            _boundaries.Add((boundary, (string?)element.Attribute("attachedToRef") ?? "", element));
        }

        if (element.Attribute("default") is not null)
        {
            _withDefault.Add((node, element));
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

            issues.Add(Issue.Error("invalid-attachment", boundary.Id, element,
                ("name", boundary.DisplayName), ("host", attachedTo),
                ("reason", host is UnsupportedNode ? "reason.attached-unsupported" : "reason.attached-not-task")));

            // It stays in the graph, unattached, so its outgoing flows still count.
            var placeholder = new UnsupportedNode(boundary.Id, boundary.Name, "boundaryEvent") { AttachedToId = attachedTo };
            _nodes[_nodes.IndexOf(boundary)] = placeholder;
            _byId[boundary.Id] = placeholder;
        }
    }

    private SequenceFlow? ReadFlow(XElement element)
    {
        var id = (string?)element.Attribute("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            issues.Add(Issue.Error("missing-id", null, element, ("kind", "sequenceFlow")));
            return null;
        }

        var source = Resolve((string?)element.Attribute("sourceRef") ?? "", id, "end.source", element);
        var target = Resolve((string?)element.Attribute("targetRef") ?? "", id, "end.target", element);
        if (source is null || target is null)
        {
            return null;
        }

        var flow = new SequenceFlow(id, (string?)element.Attribute("name"), source, target);
        var condition = element.Element(BpmnNames.Bpmn + "conditionExpression")?.Value;
        if (!string.IsNullOrWhiteSpace(condition))
        {
            var parsed = ExpressionParser.Parse(condition);
            if (parsed.Expression is null)
            {
                issues.Add(Issue.Error("invalid-expression", id, element, ("flow", id), ("condition", condition), ("detail", parsed.Error)));
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

        issues.Add(_otherKinds.TryGetValue(refId, out var kind)
            ? Issue.Error("reference-not-flow-node", flowId, element, ("flow", flowId), ("end", end), ("ref", refId), ("kind", kind))
            : Issue.Error("missing-reference", flowId, element, ("flow", flowId), ("end", end), ("ref", refId)));
        return null;
    }

    private void ResolveDefaults()
    {
        foreach (var (node, element) in _withDefault)
        {
            var defaultId = (string)element.Attribute("default")!;
            if (node is UnsupportedNode)
            {
                continue;
            }

            var flow = node.Outgoing.FirstOrDefault(f => f.Id == defaultId);
            if (flow is null)
            {
                issues.Add(Issue.Error("invalid-default", node.Id, element, ("flow", defaultId), ("name", node.DisplayName)));
            }
            else if (node is Gateway gateway)
            {
                gateway.Default = flow;
            }
            else
            {
                issues.Add(Issue.Warning("default-ignored", node.Id, element, ("name", node.DisplayName), ("flow", defaultId)));
            }
        }
    }

    // After lanes are read, so the warning names the role the task really gets, or says it has none.
    private void ReportPlainTasks()
    {
        foreach (var (task, element) in _plainTasks)
        {
            var (reason, role) = Extensions.RoleOf(element) is { } own ? ("reason.own-role", own)
                : task.RoleKey is { } laneRole ? ("reason.lane-role", laneRole)
                : ("reason.no-role", "");
            issues.Add(Issue.Warning("task-as-user-task", task.Id, element,
                ("kind", element.Name.LocalName), ("name", task.DisplayName), ("reason", reason), ("role", role)));
        }
    }

    private static string? EventDefinitionOf(XElement element) =>
        element.Elements().FirstOrDefault(e => e.Name.Namespace == BpmnNames.Bpmn && BpmnNames.EventDefinitions.Contains(e.Name.LocalName))?.Name.LocalName;
}

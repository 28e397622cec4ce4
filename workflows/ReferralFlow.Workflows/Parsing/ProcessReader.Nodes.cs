using System.Xml.Linq;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>Reading each kind of flow node, and reporting the kinds outside the executable subset.</summary>
internal sealed partial class ProcessReader
{
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

    private UserTask ReadUserTask(XElement element, string id, string? name)
    {
        var due = Extensions.DueOf(element, id, issues);
        return new(id, name)
        {
            RoleKey = Extensions.RoleOf(element),
            Due = due,
            DueInWorkingDays = Extensions.DueInWorkingDaysOf(element, id, due, issues),
            EscalationPolicy = (string?)element.Attribute(BpmnNames.Rf + "escalation"),
            Fields = FieldReader.Read(element, id, issues),
            Documentation = Extensions.DocumentationOf(element),
        };
    }

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
}

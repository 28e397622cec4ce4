using System.Xml.Linq;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>Reading each kind of flow node, and reporting the kinds outside the executable subset.</summary>
internal sealed partial class ProcessReader
{
    private FlowNode? Unknown(XElement element, string id)
    {
        Unsupported(element, id, "reason.unknown-kind");
        return null;
    }

    private void Unsupported(XElement element, string id, string reason, params (string Name, object? Value)[] extra) =>
        issues.Add(Issue.Error("unsupported-element", id, element,
            [("kind", element.Name.LocalName), ("name", (string?)element.Attribute("name") ?? id), ("reason", reason), .. extra]));

    private FlowNode? ReadStart(XElement element, string id, string? name)
    {
        var definition = EventDefinitionOf(element);
        if (definition is not null)
        {
            Unsupported(element, id, "reason.start-definition", ("definition", definition));
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

        Unsupported(element, id, "reason.end-definition", ("definition", definition));
        return null;
    }

    private FlowNode? ReadIntermediateCatch(XElement element, string id, string? name)
    {
        var definition = EventDefinitionOf(element);
        if (definition != "timerEventDefinition")
        {
            Unsupported(element, id, definition is null ? "reason.catch-no-definition" : "reason.catch-definition", ("definition", definition));
            return null;
        }

        var timer = TimerReader.Read(element, id, allowCycle: false, issues);
        return timer is null ? null : new IntermediateTimerEvent(id, name, timer);
    }

    private FlowNode? ReadBoundary(XElement element, string id, string? name)
    {
        var definition = EventDefinitionOf(element);
        var cancel = (string?)element.Attribute("cancelActivity") != "false";
        if (definition != "timerEventDefinition")
        {
            Unsupported(element, id, definition is null ? "reason.boundary-no-definition" : "reason.boundary-definition", ("definition", definition));
            return null;
        }

        var timer = TimerReader.Read(element, id, allowCycle: !cancel, issues);
        return timer is null ? null : new BoundaryTimerEvent(id, name, timer, cancel);
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

    private UserTask ReadPlainTask(XElement element, string id, string? name)
    {
        var task = ReadUserTask(element, id, name);
        _plainTasks.Add((task, element));
        return task;
    }

    private FlowNode? ReadSendTask(XElement element, string id, string? name, string local)
    {
        var type = Extensions.SendTypeOf(element);
        if (type is not ("email" or "notify-referrer"))
        {
            Unsupported(element, id, type is null ? "reason.send-type-missing" : "reason.send-type-unknown", ("type", type));
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

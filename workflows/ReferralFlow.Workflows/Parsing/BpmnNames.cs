using System.Xml.Linq;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>XML namespaces and element names the parser understands.</summary>
public static class BpmnNames
{
    /// <summary>The BPMN 2.0 model namespace.</summary>
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The ReferralFlow extension namespace (<c>rf:</c>).</summary>
    public static readonly XNamespace Rf = "http://referralflow.org/schema/bpmn/1.0";

    /// <summary>Camunda 7 extension namespace, read for compatibility.</summary>
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>Camunda 8 (Zeebe) extension namespace, read for compatibility.</summary>
    public static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";

    /// <summary>XML Schema instance namespace.</summary>
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Flow elements and artifacts that carry no execution semantics and are skipped silently.</summary>
    internal static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "documentation", "extensionElements", "laneSet", "textAnnotation", "association", "group",
        "dataObject", "dataObjectReference", "dataStoreReference", "ioSpecification", "property",
        "dataInputAssociation", "dataOutputAssociation", "auditing", "monitoring", "category",
    };

    /// <summary>BPMN flow elements outside the executable subset, with a short explanation.</summary>
    internal static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["scriptTask"] = "script tasks are not executed (no code runs in ReferralFlow)",
        ["businessRuleTask"] = "business rule tasks are not supported",
        ["receiveTask"] = "receive tasks (waiting for a message) are not supported; use a user task",
        ["callActivity"] = "call activities are not supported",
        ["subProcess"] = "sub-processes are not supported; draw the steps in the main process",
        ["adHocSubProcess"] = "ad-hoc sub-processes are not supported",
        ["transaction"] = "transactions are not supported",
        ["eventBasedGateway"] = "event-based gateways are not supported",
        ["complexGateway"] = "complex gateways are not supported",
        ["intermediateThrowEvent"] = "intermediate throw events are not supported",
        ["choreographyTask"] = "choreographies are not supported",
        ["subChoreography"] = "choreographies are not supported",
        ["callChoreography"] = "choreographies are not supported",
    };

    /// <summary>The event definition kinds, by element name.</summary>
    internal static readonly HashSet<string> EventDefinitions = new(StringComparer.Ordinal)
    {
        "timerEventDefinition", "messageEventDefinition", "signalEventDefinition", "errorEventDefinition",
        "escalationEventDefinition", "compensateEventDefinition", "conditionalEventDefinition",
        "linkEventDefinition", "cancelEventDefinition", "terminateEventDefinition", "eventDefinitionRef",
    };
}

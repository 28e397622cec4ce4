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

    /// <summary>BPMN flow elements outside the executable subset, with the catalogue key of the reason.</summary>
    internal static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["scriptTask"] = "reason.script-task",
        ["businessRuleTask"] = "reason.business-rule-task",
        ["receiveTask"] = "reason.receive-task",
        ["callActivity"] = "reason.call-activity",
        ["subProcess"] = "reason.sub-process",
        ["adHocSubProcess"] = "reason.ad-hoc-sub-process",
        ["transaction"] = "reason.transaction",
        ["eventBasedGateway"] = "reason.event-based-gateway",
        ["complexGateway"] = "reason.complex-gateway",
        ["intermediateThrowEvent"] = "reason.intermediate-throw-event",
        ["choreographyTask"] = "reason.choreography",
        ["subChoreography"] = "reason.choreography",
        ["callChoreography"] = "reason.choreography",
    };

    /// <summary>The event definition kinds, by element name.</summary>
    internal static readonly HashSet<string> EventDefinitions = new(StringComparer.Ordinal)
    {
        "timerEventDefinition", "messageEventDefinition", "signalEventDefinition", "errorEventDefinition",
        "escalationEventDefinition", "compensateEventDefinition", "conditionalEventDefinition",
        "linkEventDefinition", "cancelEventDefinition", "terminateEventDefinition", "eventDefinitionRef",
    };
}

namespace ReferralFlow.Workflows.Tests;

/// <summary>Wraps a process body in a BPMN document with the usual namespaces.</summary>
internal static class Bpmn
{
    public static string Process(string body, string id = "test") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xmlns:rf="http://referralflow.org/schema/bpmn/1.0"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="defs" targetNamespace="http://referralflow.org/test">
          <bpmn:process id="{id}" isExecutable="true">
        {body}
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static string Flow(string id, string from, string to, string? condition = null) =>
        condition is null
            ? $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"/>"""
            : $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{System.Security.SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>""";

    public static string Task(string id, string role = "worker", string extra = "") =>
        $"""<bpmn:userTask id="{id}" name="{id}" rf:role="{role}" {extra}/>""";

    /// <summary>A linear chain: start → tasks → end.</summary>
    public static string Chain(params string[] taskIds)
    {
        var nodes = string.Join("\n", taskIds.Select(t => Task(t)));
        var ids = new[] { "start" }.Concat(taskIds).Append("end").ToArray();
        var flows = string.Join("\n", ids.Zip(ids.Skip(1), (a, b) => Flow($"f_{a}_{b}", a, b)));
        return Process($"""<bpmn:startEvent id="start"/>{nodes}<bpmn:endEvent id="end"/>{flows}""");
    }
}

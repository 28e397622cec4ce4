using System.Net.Http.Headers;
using System.Text;

namespace ReferralFlow.Host.Tests.Features.Workflows;

/// <summary>Small BPMN documents for the workflow API tests.</summary>
internal static class TestBpmn
{
    /// <summary>Start → one user task → end; the task sits in a lane with <paramref name="role"/>, or in no lane when null (an error).</summary>
    public static string Simple(string key, string name = "방문 흐름", string? role = "dong") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0" id="Defs_{key}" targetNamespace="http://referralflow.org/tests">
          <bpmn:process id="{key}" name="{name}" isExecutable="true">
            <bpmn:laneSet id="LaneSet_1">
              <bpmn:lane id="Lane_1" name="담당" rf:role="{role ?? "dong"}">
                {(role is null ? "" : "<bpmn:flowNodeRef>Task_Visit</bpmn:flowNodeRef>")}
              </bpmn:lane>
            </bpmn:laneSet>
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Visit" />
            <bpmn:userTask id="Task_Visit" name="가정 방문" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Visit" targetRef="End" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
        ]>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">&lol3;</bpmn:definitions>
        """;

    public const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
          <bpmn:process id="xxe" name="&xxe;"><bpmn:startEvent id="S" /></bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A well-formed document just over the parser's 4 Mi character limit (but under the 5 MB body limit).</summary>
    public static string Oversized() =>
        Simple("oversized").Replace("<bpmn:endEvent id=\"End\" />", $"<bpmn:endEvent id=\"End\"><bpmn:documentation>{new string('x', 4 * 1024 * 1024)}</bpmn:documentation></bpmn:endEvent>", StringComparison.Ordinal);

    public static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    public static HttpRequestMessage Put(string url, string xml, int ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = Xml(xml) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{ifMatch}\""));
        return request;
    }
}

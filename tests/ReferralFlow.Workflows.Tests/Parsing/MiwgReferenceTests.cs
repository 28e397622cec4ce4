using System.Xml.Linq;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Tests.Parsing;

/// <summary>The OMG BPMN interchange reference models, drawn in many tools, from tests/fixtures/bpmn-miwg (CC BY 3.0).</summary>
public sealed class MiwgReferenceTests
{
    private static readonly XNamespace B = BpmnNames.Bpmn;

    private static readonly HashSet<string> FlowElementNames = new(StringComparer.Ordinal)
    {
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
        "task", "userTask", "manualTask", "sendTask", "serviceTask", "scriptTask", "businessRuleTask", "receiveTask",
        "callActivity", "subProcess", "adHocSubProcess", "transaction",
        "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway",
    };

    public static TheoryData<string> Models() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "miwg"), "*.bpmn").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void All_21_reference_models_are_present()
    {
        Assert.Equal(21, Models().Count);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_flow_element_is_understood_or_reported_by_id(string file)
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "miwg", file));

        var result = BpmnParser.Parse(xml);

        Assert.NotNull(result.Definition);
        var reported = result.Issues.Where(i => i.ElementId is not null).Select(i => i.ElementId!).ToHashSet();
        var understood = result.Definition.NodeList.Select(n => n.Id).ToHashSet();
        var process = XDocument.Parse(xml).Root!.Elements(B + "process").Single(p => (string?)p.Attribute("id") == result.Definition.Id);
        var missing = process.Elements()
            .Where(e => e.Name.Namespace == B && FlowElementNames.Contains(e.Name.LocalName))
            .Select(e => (string)e.Attribute("id")!)
            .Where(id => !understood.Contains(id) && !reported.Contains(id))
            .ToList();
        Assert.True(missing.Count == 0, $"{file}: neither understood nor reported: {string.Join(", ", missing)}");
        Assert.All(result.Issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Message)));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_other_process_is_reported_as_not_executed(string file)
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "miwg", file));
        var processes = XDocument.Parse(xml).Root!.Elements(B + "process").Select(p => (string)p.Attribute("id")!).ToList();

        var result = BpmnParser.Parse(xml);

        foreach (var other in processes.Where(p => p != result.Definition!.Id))
        {
            Assert.Contains(result.Issues, i => i.Code == "process-ignored" && i.ElementId == other);
        }
    }
}

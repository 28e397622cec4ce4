using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Validation;
using static ReferralFlow.Workflows.Tests.Bpmn;

namespace ReferralFlow.Workflows.Tests.Validation;

/// <summary>Flows to elements the engine does not run still count: the only messages are the true ones.</summary>
public sealed class ModelAsWrittenTests
{
    private const string ServiceTasks = """<bpmn:serviceTask id="s1" name="Call registry"/><bpmn:serviceTask id="s2" name="Post letter"/>""";

    private static IReadOnlyList<ValidationIssue> Issues(string body) => BpmnParser.Parse(Process(body)).Issues;

    private static IEnumerable<string> Codes(IReadOnlyList<ValidationIssue> issues, string id) =>
        issues.Where(i => i.ElementId == id).Select(i => i.Code);

    [Fact]
    public void A_gateway_whose_flows_lead_only_to_unsupported_service_tasks_says_so()
    {
        var issues = Issues($"""
            <bpmn:startEvent id="start"/><bpmn:parallelGateway id="g" name="Split"/>{ServiceTasks}
            {Flow("f0", "start", "g")}{Flow("f1", "g", "s1")}{Flow("f2", "g", "s2")}
            """);

        Assert.Equal(["leads-to-unsupported"], Codes(issues, "g"));
        var issue = Assert.Single(issues, i => i.Code == "leads-to-unsupported");
        Assert.Contains("serviceTask 'Call registry', serviceTask 'Post letter'", issue.Message, StringComparison.Ordinal);
        Assert.Equal(2, issues.Count(i => i.Code == "unsupported-element"));
        Assert.DoesNotContain(issues, i => i.Code is "gateway-no-outgoing" or "implicit-end" or "unreachable");
    }

    [Fact]
    public void A_gateway_fed_only_by_an_unsupported_element_has_its_incoming_flow()
    {
        var issues = Issues($"""
            <bpmn:startEvent id="start"/><bpmn:scriptTask id="script"/><bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="end"/>
            {Flow("f0", "start", "script")}{Flow("f1", "script", "g")}{Flow("f2", "g", "end")}
            """);

        Assert.Equal([("unsupported-element", "script"), ("leads-to-unsupported", "start")], issues.Select(i => (i.Code, i.ElementId)));
    }

    [Fact]
    public void A_default_flow_to_an_unsupported_element_is_still_the_default()
    {
        var issues = Issues($"""
            <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="g" default="fd"/>{Task("a")}{ServiceTasks}<bpmn:endEvent id="end"/>
            {Flow("f0", "start", "g")}{Flow("fa", "g", "a", "x == 1")}{Flow("fd", "g", "s1")}{Flow("f3", "a", "end")}{Flow("f4", "s1", "end")}
            """);

        Assert.DoesNotContain(issues, i => i.Code is "invalid-default" or "missing-condition" or "implicit-end");
        Assert.Contains(issues, i => i.Code == "unsupported-element" && i.ElementId == "s1");
    }

    [Fact]
    public void A_boundary_timer_leading_to_an_unsupported_element_has_its_outgoing_flow()
    {
        var issues = Issues($"""
            <bpmn:startEvent id="start"/>{Task("a")}<bpmn:endEvent id="end"/>{ServiceTasks}
            <bpmn:boundaryEvent id="late" attachedToRef="a"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            {Flow("f0", "start", "a")}{Flow("f1", "a", "end")}{Flow("f2", "late", "s1")}{Flow("f3", "s1", "end")}
            """);

        Assert.DoesNotContain(issues, i => i.Code is "boundary-no-outgoing" or "unreachable");
        Assert.Equal(["leads-to-unsupported"], Codes(issues, "late"));
    }

    [Fact]
    public void Steps_after_an_unsupported_boundary_event_are_reachable()
    {
        var issues = Issues($"""
            <bpmn:startEvent id="start"/>{Task("a")}{Task("b")}<bpmn:endEvent id="end"/>
            <bpmn:boundaryEvent id="msg" attachedToRef="a"><bpmn:messageEventDefinition/></bpmn:boundaryEvent>
            {Flow("f0", "start", "a")}{Flow("f1", "a", "end")}{Flow("f2", "msg", "b")}{Flow("f3", "b", "end")}
            """);

        Assert.Equal(["unsupported-element"], issues.Select(i => i.Code));
    }

    [Fact]
    public void Two_sequence_flows_with_the_same_id_are_reported_not_thrown()
    {
        var result = BpmnParser.Parse(Process($"""
            <bpmn:startEvent id="start"/>{Task("a")}<bpmn:endEvent id="end"/>
            {Flow("f", "start", "a")}
            {Flow("f", "a", "end")}
            """));

        var issue = Assert.Single(result.Errors);
        Assert.Equal(("duplicate-id", "f"), (issue.Code, issue.ElementId));
        Assert.Equal(10, issue.Line);
    }

    [Theory]
    [InlineData("""<bpmn:userTask id="a" name="A" rf:role="worker"/><bpmn:exclusiveGateway id="a"/>""")]
    [InlineData("""<bpmn:userTask id="a" name="A" rf:role="worker"/><bpmn:sequenceFlow id="a" sourceRef="start" targetRef="a"/>""")]
    [InlineData("""<bpmn:userTask id="a" name="A" rf:role="worker"/><bpmn:boundaryEvent id="a" attachedToRef="a"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>""")]
    [InlineData("""<bpmn:userTask id="a" name="A" rf:role="worker"/><bpmn:laneSet id="ls"><bpmn:lane id="a"/></bpmn:laneSet>""")]
    public void Duplicate_ids_of_any_element_kind_are_located_errors(string body)
    {
        var result = BpmnParser.Parse(Process($"""<bpmn:startEvent id="start"/>{body}<bpmn:endEvent id="end"/>{Flow("f0", "start", "a")}{Flow("f1", "a", "end")}"""));

        var issue = Assert.Single(result.Issues, i => i.Code == "duplicate-id");
        Assert.NotNull(issue.Line);
    }

    [Fact]
    public void A_flow_to_a_data_object_says_what_it_points_at()
    {
        var issues = Issues($"""
            <bpmn:startEvent id="start"/>{Task("a")}<bpmn:endEvent id="end"/><bpmn:dataObjectReference id="file"/>
            {Flow("f0", "start", "a")}{Flow("f1", "a", "end")}{Flow("f2", "a", "file")}
            """);

        var issue = Assert.Single(issues, i => i.Code == "reference-not-flow-node");
        Assert.Equal("Sequence flow 'f2' has target 'file', which is a dataObjectReference, not a task, event or gateway.", issue.Message);
    }

    [Fact]
    public void A_plain_task_outside_any_lane_is_not_said_to_take_its_lane_role()
    {
        var issues = Issues($"""<bpmn:startEvent id="start"/><bpmn:task id="t" name="Visit"/><bpmn:endEvent id="end"/>{Flow("f0", "start", "t")}{Flow("f1", "t", "end")}""");

        var warning = Assert.Single(issues, i => i.Code == "task-as-user-task");
        Assert.DoesNotContain("lane's role", warning.Message, StringComparison.Ordinal);
        Assert.Contains("no role yet", warning.Message, StringComparison.Ordinal);
        Assert.Contains(issues, i => i.Code == "missing-role");
    }

    [Fact]
    public void A_plain_task_in_a_lane_names_the_lane_role()
    {
        var issues = Issues($"""
            <bpmn:laneSet id="ls"><bpmn:lane id="l" name="Case" rf:role="case"><bpmn:flowNodeRef>t</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
            <bpmn:startEvent id="start"/><bpmn:task id="t" name="Visit"/><bpmn:endEvent id="end"/>{Flow("f0", "start", "t")}{Flow("f1", "t", "end")}
            """);

        var warning = Assert.Single(issues);
        Assert.Equal("task 'Visit' has no type; it runs as a user task for its lane's role 'case'.", warning.Message);
    }
}

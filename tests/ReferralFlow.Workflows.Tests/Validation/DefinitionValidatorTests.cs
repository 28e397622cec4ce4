using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Validation;
using static ReferralFlow.Workflows.Tests.Bpmn;

namespace ReferralFlow.Workflows.Tests.Validation;

public sealed class DefinitionValidatorTests
{
    private static ValidationIssue SingleError(string xml, BpmnParserOptions? options = null)
    {
        var result = BpmnParser.Parse(xml, options);
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Missing_start_event_is_an_error()
    {
        var issue = SingleError(Process($"""{Task("a")}<bpmn:endEvent id="end"/>{Flow("f", "a", "end")}"""));

        Assert.Equal("no-start-event", issue.Code);
    }

    [Fact]
    public void Unreachable_node_is_reported_by_id()
    {
        var issue = SingleError(Process($"""
            <bpmn:startEvent id="start"/>{Task("a")}{Task("orphan")}<bpmn:endEvent id="end"/>
            {Flow("f1", "start", "a")}{Flow("f2", "a", "end")}{Flow("f3", "orphan", "end")}
            """));

        Assert.Equal(("unreachable", "orphan"), (issue.Code, issue.ElementId));
    }

    [Fact]
    public void Gateway_without_outgoing_flow_is_an_error()
    {
        var issue = SingleError(Process($"""<bpmn:startEvent id="start"/><bpmn:parallelGateway id="g"/>{Flow("f1", "start", "g")}"""));

        Assert.Equal(("gateway-no-outgoing", "g"), (issue.Code, issue.ElementId));
    }

    [Fact]
    public void Exclusive_flow_without_condition_or_default_is_an_error()
    {
        var issue = SingleError(Process($"""
            <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="g"/>{Task("a")}{Task("b")}<bpmn:endEvent id="end"/>
            {Flow("f1", "start", "g")}{Flow("fa", "g", "a", "x == 1")}{Flow("fb", "g", "b")}{Flow("ea", "a", "end")}{Flow("eb", "b", "end")}
            """));

        Assert.Equal(("missing-condition", "fb"), (issue.Code, issue.ElementId));
    }

    [Fact]
    public void Unknown_role_is_an_error_when_the_host_names_its_roles()
    {
        var options = new BpmnParserOptions { KnownRoles = new HashSet<string> { "assessment", "cleaning" } };

        var issue = SingleError(Process($"""
            <bpmn:startEvent id="start"/>{Task("a", "plumbing")}<bpmn:endEvent id="end"/>{Flow("f1", "start", "a")}{Flow("f2", "a", "end")}
            """), options);

        Assert.Equal(("unknown-role", "a"), (issue.Code, issue.ElementId));
    }

    [Theory]
    [InlineData("3 days")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P3X")]
    [InlineData("PT1D")]
    [InlineData("P1.5D")]
    public void Bad_iso_duration_is_an_error(string due)
    {
        var issue = SingleError(Process($"""
            <bpmn:startEvent id="start"/>{Task("a", extra: $"rf:due=\"{due}\"")}<bpmn:endEvent id="end"/>{Flow("f1", "start", "a")}{Flow("f2", "a", "end")}
            """));

        Assert.Equal(("invalid-duration", "a"), (issue.Code, issue.ElementId));
    }

    [Fact]
    public void Bad_timer_duration_is_reported_on_the_timer()
    {
        var issue = SingleError(Process($"""
            <bpmn:startEvent id="start"/>{Task("a")}<bpmn:endEvent id="end"/>
            <bpmn:boundaryEvent id="late" attachedToRef="a"><bpmn:timerEventDefinition><bpmn:timeDuration>soon</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            {Flow("f1", "start", "a")}{Flow("f2", "a", "end")}{Flow("f3", "late", "end")}
            """));

        Assert.Equal(("invalid-duration", "late"), (issue.Code, issue.ElementId));
    }

    [Fact]
    public void Duplicate_ids_are_an_error()
    {
        var result = BpmnParser.Parse(Process($"""
            <bpmn:startEvent id="start"/>{Task("a")}{Task("a")}<bpmn:endEvent id="end"/>{Flow("f1", "start", "a")}{Flow("f2", "a", "end")}
            """));

        Assert.Contains(result.Errors, i => i is { Code: "duplicate-id", ElementId: "a" });
    }

    [Fact]
    public void Flow_to_a_missing_element_is_an_error()
    {
        var issue = SingleError(Process($"""
            <bpmn:startEvent id="start"/>{Task("a")}<bpmn:endEvent id="end"/>{Flow("f1", "start", "a")}{Flow("f2", "a", "end")}{Flow("f3", "a", "ghost")}
            """));

        Assert.Equal(("missing-reference", "f3"), (issue.Code, issue.ElementId));
        Assert.Contains("ghost", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Condition_that_does_not_parse_is_an_error_on_its_flow()
    {
        var issue = SingleError(Process($"""
            <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="g" default="fb"/>{Task("a")}{Task("b")}<bpmn:endEvent id="end"/>
            {Flow("f1", "start", "g")}{Flow("fa", "g", "a", "riskLevel == ")}{Flow("fb", "g", "b")}{Flow("ea", "a", "end")}{Flow("eb", "b", "end")}
            """));

        Assert.Equal(("invalid-expression", "fa"), (issue.Code, issue.ElementId));
    }

    [Fact]
    public void User_task_without_a_role_is_an_error()
    {
        var issue = SingleError(Process("""
            <bpmn:startEvent id="start"/><bpmn:userTask id="a"/><bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a"/><bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="end"/>
            """));

        Assert.Equal(("missing-role", "a"), (issue.Code, issue.ElementId));
    }

    [Fact]
    public void Every_problem_is_listed_not_only_the_first()
    {
        var result = BpmnParser.Parse(Process($"""
            {Task("a", extra: "rf:due=\"soon\"")}<bpmn:scriptTask id="script"/><bpmn:exclusiveGateway id="g"/>
            {Flow("f1", "a", "g")}{Flow("f2", "a", "nowhere")}
            """));

        var codes = result.Errors.Select(i => i.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "no-start-event", "invalid-duration", "unsupported-element", "gateway-no-outgoing", "missing-reference" }, codes);
    }
}

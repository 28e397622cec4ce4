using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Tests.Parsing;

/// <summary>Which process of a collaboration runs: the host's key, else the designer's rf:process, else the parser's pick.</summary>
public sealed class ProcessSelectorTests
{
    // "side" comes first and is executable with a start event: the parser's own pick.
    private static string Collaboration(string? chosen) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:rf="http://referralflow.org/schema/bpmn/1.0"
                          id="defs" targetNamespace="http://referralflow.org/test"{(chosen is null ? "" : $" rf:process=\"{chosen}\"")}>
          <bpmn:process id="side" isExecutable="true">
            <bpmn:startEvent id="s1"/><bpmn:endEvent id="e1"/><bpmn:sequenceFlow id="f1" sourceRef="s1" targetRef="e1"/>
          </bpmn:process>
          <bpmn:process id="main" isExecutable="true">
            <bpmn:startEvent id="s2"/><bpmn:userTask id="visit" rf:role="dong"/><bpmn:endEvent id="e2"/>
            <bpmn:sequenceFlow id="f2" sourceRef="s2" targetRef="visit"/><bpmn:sequenceFlow id="f3" sourceRef="visit" targetRef="e2"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void Without_a_choice_the_first_executable_process_with_a_start_runs()
    {
        Assert.Equal("side", BpmnParser.Parse(Collaboration(null)).Definition!.Id);
    }

    [Fact]
    public void The_process_named_in_rf_process_runs_and_the_other_is_reported_ignored()
    {
        var result = BpmnParser.Parse(Collaboration("main"));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("main", result.Definition!.Id);
        Assert.Contains(result.Issues, i => i.Code == "process-ignored" && i.ElementId == "side");
    }

    [Fact]
    public void A_key_asked_for_by_the_host_that_matches_the_choice_is_valid()
    {
        var result = BpmnParser.Parse(Collaboration("main"), BpmnParserOptions.Default with { ProcessId = "main" });

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void A_choice_other_than_the_workflow_key_is_a_located_error()
    {
        var result = BpmnParser.Parse(Collaboration("main"), BpmnParserOptions.Default with { ProcessId = "side" });

        var issue = Assert.Single(result.Errors);
        Assert.Equal("process-choice-conflict", issue.Code);
        Assert.Equal("defs", issue.ElementId);
        Assert.NotNull(issue.Line);
        Assert.Equal("side", result.Definition!.Id);
    }

    [Fact]
    public void A_choice_naming_no_process_is_a_located_error_and_the_default_pick_is_still_read()
    {
        var result = BpmnParser.Parse(Collaboration("gone"));

        var issue = Assert.Single(result.Errors);
        Assert.Equal("process-not-found", issue.Code);
        Assert.Equal("gone", issue.Arguments["id"]);
        Assert.NotNull(issue.Line);
        Assert.Equal("side", result.Definition!.Id);
    }
}

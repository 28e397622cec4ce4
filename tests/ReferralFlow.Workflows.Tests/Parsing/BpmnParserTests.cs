using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;
using static ReferralFlow.Workflows.Tests.Bpmn;

namespace ReferralFlow.Workflows.Tests.Parsing;

public sealed class BpmnParserTests
{
    [Fact]
    public void Lanes_give_tasks_their_role_and_rf_role_overrides_the_lane()
    {
        var result = BpmnParser.Parse(Process($"""
            <bpmn:laneSet id="ls">
              <bpmn:lane id="laneDong" name="동주민센터" rf:role="dong"><bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>visit</bpmn:flowNodeRef><bpmn:flowNodeRef>benefit</bpmn:flowNodeRef></bpmn:lane>
              <bpmn:lane id="laneClean" name="Cleaning Team"><bpmn:flowNodeRef>clean</bpmn:flowNodeRef><bpmn:flowNodeRef>end</bpmn:flowNodeRef></bpmn:lane>
            </bpmn:laneSet>
            <bpmn:startEvent id="start"/><bpmn:userTask id="visit"/><bpmn:userTask id="benefit" rf:role="benefits"/><bpmn:userTask id="clean"/><bpmn:endEvent id="end"/>
            {Flow("f1", "start", "visit")}{Flow("f2", "visit", "benefit")}{Flow("f3", "benefit", "clean")}{Flow("f4", "clean", "end")}
            """));

        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        var d = result.Definition!;
        Assert.Equal("dong", ((UserTask)d.GetNode("visit")).RoleKey);
        Assert.Equal("benefits", ((UserTask)d.GetNode("benefit")).RoleKey);
        Assert.Equal("cleaning-team", ((UserTask)d.GetNode("clean")).RoleKey);
        Assert.Equal(["dong", "cleaning-team", "benefits"], d.Roles.Select(r => r.Key));
    }

    [Fact]
    public void Form_fields_are_read_with_types_options_and_required_flags()
    {
        var result = BpmnParser.Parse(Process($"""
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="assess" name="공동 사정" rf:role="assessment" rf:due="P10D">
              <bpmn:documentation>위기도를 평가합니다.</bpmn:documentation>
              <bpmn:extensionElements>
                <rf:field id="visitDate" type="date" label="방문일" required="true"/>
                <rf:field id="needsCleaning" type="boolean" label="청소 필요"/>
                <rf:field id="riskLevel" type="select" label="위기도"><rf:option value="high" label="고위험"/><rf:option value="low" label="저위험"/></rf:field>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="end"/>{Flow("f1", "start", "assess")}{Flow("f2", "assess", "end")}
            """));

        var task = (UserTask)result.Definition!.GetNode("assess");
        Assert.True(result.IsValid);
        Assert.Equal("위기도를 평가합니다.", task.Documentation);
        Assert.Equal(IsoDuration.Parse("P10D"), task.Due);
        Assert.Equal(["visitDate", "needsCleaning", "riskLevel"], task.Fields.Select(f => f.Id));
        Assert.True(task.Fields[0].Required);
        Assert.Equal(FormFieldType.Select, task.Fields[2].Type);
        Assert.Equal(["high", "low"], task.Fields[2].Options.Select(o => o.Value));
    }

    [Theory]
    [InlineData("""<rf:field id="x" type="colour"/>""")]
    [InlineData("""<rf:field id="1x" type="text"/>""")]
    [InlineData("""<rf:field id="x" type="select"/>""")]
    [InlineData("""<rf:field id="x"/><rf:field id="x"/>""")]
    [InlineData("""<rf:field id="x" health="yes"/>""")]
    [InlineData("""<rf:field id="x" health=""/>""")]
    public void Invalid_form_fields_are_errors_on_their_task(string fields)
    {
        var result = BpmnParser.Parse(Process($"""
            <bpmn:startEvent id="start"/><bpmn:userTask id="t" rf:role="r"><bpmn:extensionElements>{fields}</bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end"/>{Flow("f1", "start", "t")}{Flow("f2", "t", "end")}
            """));

        var issue = Assert.Single(result.Errors);
        Assert.Equal(("invalid-field", "t"), (issue.Code, issue.ElementId));
    }

    [Fact]
    public void Health_fields_are_marked_and_others_are_not()
    {
        var result = BpmnParser.Parse(Process($"""
            <bpmn:startEvent id="start"/><bpmn:userTask id="t" rf:role="health"><bpmn:extensionElements>
              <rf:field id="screening" type="text" health="true"/><rf:field id="date" type="date" health=" FALSE "/><rf:field id="note"/>
            </bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end"/>{Flow("f1", "start", "t")}{Flow("f2", "t", "end")}
            """));

        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        Assert.Equal([true, false, false], ((UserTask)result.Definition!.GetNode("t")).Fields.Select(f => f.Health));
    }

    [Fact]
    public void A_health_flag_that_is_neither_true_nor_false_names_the_field_and_value_in_both_languages()
    {
        var result = BpmnParser.Parse(Process($"""
            <bpmn:startEvent id="start"/><bpmn:userTask id="t" rf:role="health"><bpmn:extensionElements>
              <rf:field id="screening" type="text" health="yes"/>
            </bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end"/>{Flow("f1", "start", "t")}{Flow("f2", "t", "end")}
            """));

        var issue = Assert.Single(result.Errors);
        Assert.Equal(("invalid-field", "t"), (issue.Code, issue.ElementId));
        Assert.Contains("'yes'", issue.Text("en"), StringComparison.Ordinal);
        Assert.Contains("screening", issue.Text("ko"), StringComparison.Ordinal);
        Assert.Contains("rf:health", issue.Text("ko"), StringComparison.Ordinal);
    }

    [Fact]
    public void Camunda_candidate_groups_and_due_date_durations_are_understood()
    {
        var result = BpmnParser.Parse(Process($"""
            <bpmn:startEvent id="start"/><bpmn:userTask id="t" camunda:candidateGroups="benefits, dong" camunda:dueDate="P5D"/>
            <bpmn:endEvent id="end"/>{Flow("f1", "start", "t")}{Flow("f2", "t", "end")}
            """));

        var task = (UserTask)result.Definition!.GetNode("t");
        Assert.True(result.IsValid);
        Assert.Equal("benefits", task.RoleKey);
        Assert.Equal(5, task.Due!.Value.Days);
    }

    [Theory]
    [InlineData("<bpmn:scriptTask id=\"x\"/>")]
    [InlineData("<bpmn:receiveTask id=\"x\"/>")]
    [InlineData("<bpmn:subProcess id=\"x\"><bpmn:startEvent id=\"inner\"/></bpmn:subProcess>")]
    [InlineData("<bpmn:eventBasedGateway id=\"x\"/>")]
    [InlineData("<bpmn:intermediateCatchEvent id=\"x\"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>")]
    [InlineData("<bpmn:endEvent id=\"x\"><bpmn:errorEventDefinition/></bpmn:endEvent>")]
    [InlineData("<bpmn:serviceTask id=\"x\"/>")]
    [InlineData("<bpmn:sendTask id=\"x\" rf:type=\"sms\"/>")]
    public void Unsupported_elements_are_reported_by_id(string element)
    {
        var result = BpmnParser.Parse(Process($"""
            <bpmn:startEvent id="start"/>{Task("a")}{element}<bpmn:endEvent id="end"/>
            {Flow("f1", "start", "a")}{Flow("f2", "a", "x")}{Flow("f3", "x", "end")}
            """));

        var issue = Assert.Single(result.Errors);
        Assert.Equal(("unsupported-element", "x"), (issue.Code, issue.ElementId));
    }

    [Fact]
    public void Other_vendors_extensions_and_artifacts_are_ignored()
    {
        var result = BpmnParser.Parse(Process($"""
            <bpmn:startEvent id="start"><bpmn:extensionElements><vendor:thing xmlns:vendor="urn:x" a="1"/></bpmn:extensionElements></bpmn:startEvent>
            {Task("a")}<bpmn:endEvent id="end"/><bpmn:textAnnotation id="note"><bpmn:text>메모</bpmn:text></bpmn:textAnnotation>
            <bpmn:association id="as" sourceRef="note" targetRef="a"/><bpmn:dataObject id="do"/>
            {Flow("f1", "start", "a")}{Flow("f2", "a", "end")}
            """));

        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        Assert.Empty(result.Issues);
    }

    [Theory]
    [InlineData("P3D", 0, 0, 3, 0)]
    [InlineData("PT48H", 0, 0, 0, 48 * 60)]
    [InlineData("P1M", 0, 1, 0, 0)]
    [InlineData("P2W", 0, 0, 14, 0)]
    [InlineData("P1Y2M3DT4H5M", 1, 2, 3, 245)]
    [InlineData("PT90S", 0, 0, 0, 1.5)]
    public void Iso_durations_parse(string text, int years, int months, int days, double minutes)
    {
        var d = IsoDuration.Parse(text);

        Assert.Equal((years, months, days, TimeSpan.FromMinutes(minutes)), (d.Years, d.Months, d.Days, d.Time));
        Assert.Equal(d, IsoDuration.Parse(d.ToString()));
    }
}

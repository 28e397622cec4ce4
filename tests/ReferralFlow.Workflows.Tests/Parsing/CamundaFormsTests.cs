using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Tests.Parsing;

/// <summary>Camunda 7 and 8 models keep the meaning they write inline: candidate groups, due dates and form fields.</summary>
public sealed class CamundaFormsTests
{
    private static string Model(string task, string processExtensions = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                          id="defs" targetNamespace="http://example.org">
          <bpmn:process id="p" isExecutable="true">
            {processExtensions}
            <bpmn:startEvent id="s"/>{task}<bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void Camunda_7_form_data_becomes_the_outcome_form_with_its_candidate_group_and_due_date()
    {
        var result = BpmnParser.Parse(Model("""
            <bpmn:userTask id="t" camunda:candidateGroups="dong, hub" camunda:dueDate="P3D">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="visitDate" label="방문일" type="date">
                    <camunda:validation><camunda:constraint name="required"/></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="bags" label="수거량" type="long"/>
                  <camunda:formField id="risk" label="위험도" type="enum"><camunda:value id="high" name="높음"/><camunda:value id="low" name="낮음"/></camunda:formField>
                  <camunda:formField id="ok" type="boolean"/>
                  <camunda:formField id="note" type="string"/>
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            """));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var task = Assert.IsType<UserTask>(result.Definition!.GetNode("t"));
        Assert.Equal("dong", task.RoleKey);
        Assert.Equal("P3D", task.Due?.ToString());
        Assert.Equal(
            [
                new FormField("visitDate", FormFieldType.Date, "방문일", true, []),
                new FormField("bags", FormFieldType.Number, "수거량", false, []),
                new FormField("risk", FormFieldType.Select, "위험도", false, [new("high", "높음"), new("low", "낮음")]),
                new FormField("ok", FormFieldType.Boolean, null, false, []),
                new FormField("note", FormFieldType.Text, null, false, []),
            ],
            task.Fields,
            new FieldComparer());
    }

    [Fact]
    public void Camunda_8_inline_form_becomes_the_outcome_form_with_its_candidate_group()
    {
        const string form = """
            {"components":[
              {"type":"text","text":"# 방문"},
              {"type":"textfield","key":"visitor","label":"방문자","validate":{"required":true}},
              {"type":"group","components":[{"type":"checkbox","key":"needsCleaning","label":"청소 필요"}]},
              {"type":"radio","key":"risk","label":"위험도","values":[{"label":"높음","value":"high"}]},
              {"type":"datetime","subtype":"date","key":"visitDate","label":"방문일"},
              {"type":"textarea","key":"note"}
            ]}
            """;
        var result = BpmnParser.Parse(Model(
            """
            <bpmn:userTask id="t"><bpmn:extensionElements>
              <zeebe:formDefinition formKey="camunda-forms:bpmn:UserTaskForm_1"/>
              <zeebe:assignmentDefinition candidateGroups="cleaning"/>
            </bpmn:extensionElements></bpmn:userTask>
            """,
            $"""<bpmn:extensionElements><zeebe:userTaskForm id="UserTaskForm_1">{System.Security.SecurityElement.Escape(form)}</zeebe:userTaskForm></bpmn:extensionElements>"""));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var task = Assert.IsType<UserTask>(result.Definition!.GetNode("t"));
        Assert.Equal("cleaning", task.RoleKey);
        Assert.Equal(["visitor:Text:True", "needsCleaning:Boolean:False", "risk:Select:False", "visitDate:Date:False", "note:Textarea:False"],
            task.Fields.Select(f => $"{f.Id}:{f.Type}:{f.Required}"));
        Assert.Equal([new FormFieldOption("high", "높음")], task.Fields[2].Options);
    }

    [Fact]
    public void A_Camunda_field_that_cannot_be_read_is_a_located_warning_and_left_out()
    {
        var result = BpmnParser.Parse(Model("""
            <bpmn:userTask id="t" camunda:candidateGroups="dong"><bpmn:extensionElements><camunda:formData>
              <camunda:formField id="1st" type="string"/>
              <camunda:formField id="file" type="custom-file"/>
              <camunda:formField id="kept" type="string"/>
            </camunda:formData></bpmn:extensionElements></bpmn:userTask>
            """));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(["kept"], ((UserTask)result.Definition!.GetNode("t")).Fields.Select(f => f.Id));
        var warnings = result.Issues.Where(i => i.Code == "form-field-ignored").ToList();
        Assert.Equal(["1st", "file"], warnings.Select(w => w.Arguments["field"]));
        Assert.All(warnings, w => Assert.NotNull(w.Line));
        Assert.Contains("custom-file", warnings[1].Text("ko"), StringComparison.Ordinal);
    }

    [Fact]
    public void Rf_fields_win_over_a_Camunda_form()
    {
        var result = BpmnParser.Parse(Model("""
            <bpmn:userTask id="t" camunda:candidateGroups="dong" xmlns:rf="http://referralflow.org/schema/bpmn/1.0"><bpmn:extensionElements>
              <rf:field id="mine" type="text"/>
              <camunda:formData><camunda:formField id="theirs" type="string"/></camunda:formData>
            </bpmn:extensionElements></bpmn:userTask>
            """));

        Assert.Equal(["mine"], ((UserTask)result.Definition!.GetNode("t")).Fields.Select(f => f.Id));
    }

    private sealed class FieldComparer : IEqualityComparer<FormField>
    {
        public bool Equals(FormField? x, FormField? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Type == y.Type && x.Label == y.Label && x.Required == y.Required
            && x.Health == y.Health && x.Options.SequenceEqual(y.Options);

        public int GetHashCode(FormField obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}

namespace ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

/// <summary>Small BPMN 2.0 documents for the store tests.</summary>
internal static class TestBpmn
{
    /// <summary>Lanes as roles: dong visits (P3D, standard escalation), then the welfare centre assesses (the second task's name varies).</summary>
    public static string VisitThenAssess(string secondTask = "assess", string secondName = "공동 사정") => Document("referral", $"""
        <bpmn:laneSet id="lanes">
          <bpmn:lane id="lane_dong" name="동주민센터" rf:role="dong"><bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>visit</bpmn:flowNodeRef></bpmn:lane>
          <bpmn:lane id="lane_wc" name="종합사회복지관" rf:role="welfare-center"><bpmn:flowNodeRef>{secondTask}</bpmn:flowNodeRef><bpmn:flowNodeRef>end</bpmn:flowNodeRef></bpmn:lane>
        </bpmn:laneSet>
        <bpmn:startEvent id="start"/>
        <bpmn:userTask id="visit" name="합동 방문" rf:due="P3D" rf:escalation="standard"/>
        <bpmn:userTask id="{secondTask}" name="{secondName}" rf:due="P10D"/>
        <bpmn:endEvent id="end"/>
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="visit"/>
        <bpmn:sequenceFlow id="f2" sourceRef="visit" targetRef="{secondTask}"/>
        <bpmn:sequenceFlow id="f3" sourceRef="{secondTask}" targetRef="end"/>
        """);

    /// <summary>review → (approved? end : review again): a loop through one user task.</summary>
    public static string ReviewLoop() => Document("review-loop", """
        <bpmn:startEvent id="start"/>
        <bpmn:userTask id="review" name="검토" rf:role="hub"/>
        <bpmn:exclusiveGateway id="approved" default="again"/>
        <bpmn:endEvent id="end"/>
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
        <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="approved"/>
        <bpmn:sequenceFlow id="done" sourceRef="approved" targetRef="end"><bpmn:conditionExpression>approved</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="again" sourceRef="approved" targetRef="review"/>
        """);

    /// <summary>Two parallel tasks with boundary timers: <c>clean</c> (interrupting, PT1H → supervisor) and <c>repair</c> (non-interrupting, PT3H → reminder).</summary>
    public static string ParallelWithTimers() => Document("timers", """
        <bpmn:startEvent id="start"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="clean" name="청소" rf:role="cleaning"/>
        <bpmn:boundaryEvent id="clean_late" attachedToRef="clean" cancelActivity="true">
          <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:userTask id="supervisor" name="팀장 확인" rf:role="hub"/>
        <bpmn:userTask id="repair" name="도배·장판" rf:role="housing-repair"/>
        <bpmn:boundaryEvent id="repair_reminder" attachedToRef="repair" cancelActivity="false">
          <bpmn:timerEventDefinition><bpmn:timeDuration>PT3H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:userTask id="remind" name="진행 확인" rf:role="hub"/>
        <bpmn:endEvent id="end_clean"/><bpmn:endEvent id="end_supervisor"/><bpmn:endEvent id="end_repair"/><bpmn:endEvent id="end_remind"/>
        <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork"/>
        <bpmn:sequenceFlow id="f1" sourceRef="fork" targetRef="clean"/>
        <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="repair"/>
        <bpmn:sequenceFlow id="f3" sourceRef="clean" targetRef="end_clean"/>
        <bpmn:sequenceFlow id="f4" sourceRef="clean_late" targetRef="supervisor"/>
        <bpmn:sequenceFlow id="f5" sourceRef="supervisor" targetRef="end_supervisor"/>
        <bpmn:sequenceFlow id="f6" sourceRef="repair" targetRef="end_repair"/>
        <bpmn:sequenceFlow id="f7" sourceRef="repair_reminder" targetRef="remind"/>
        <bpmn:sequenceFlow id="f8" sourceRef="remind" targetRef="end_remind"/>
        """);

    /// <summary>A send task emails the benefits role, then the dong visits.</summary>
    public static string NotifyThenVisit() => Document("notify_flow", """
        <bpmn:startEvent id="start"/>
        <bpmn:sendTask id="notify" name="의뢰 알림" rf:type="email" rf:to="role:benefits" rf:template="referral-received"/>
        <bpmn:userTask id="visit" name="방문" rf:role="dong"/>
        <bpmn:endEvent id="end"/>
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notify"/>
        <bpmn:sequenceFlow id="f2" sourceRef="notify" targetRef="visit"/>
        <bpmn:sequenceFlow id="f3" sourceRef="visit" targetRef="end"/>
        """);

    /// <summary>Not executable: a script task (outside the supported subset).</summary>
    public static string WithScriptTask() => Document("scripted", """
        <bpmn:startEvent id="start"/>
        <bpmn:scriptTask id="run_script" name="스크립트" scriptFormat="javascript"><bpmn:script>1+1</bpmn:script></bpmn:scriptTask>
        <bpmn:endEvent id="end"/>
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="run_script"/>
        <bpmn:sequenceFlow id="f2" sourceRef="run_script" targetRef="end"/>
        """);

    private static string Document(string processId, string body) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:rf="http://referralflow.org/schema/bpmn/1.0"
                          id="defs_{processId}" targetNamespace="http://referralflow.org/test">
          <bpmn:process id="{processId}" name="{processId} workflow" isExecutable="true">
        {body}
          </bpmn:process>
        </bpmn:definitions>
        """;
}

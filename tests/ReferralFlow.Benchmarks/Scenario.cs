using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Benchmarks;

/// <summary>
/// The benchmark referral: an assessment task, a four-way split of user tasks, a join and a closing task.
/// The split is either a parallel gateway or an inclusive gateway whose conditions read the assessment outcome.
/// </summary>
public static class Scenario
{
    public const string ParallelId = "bench-parallel";
    public const string InclusiveId = "bench-inclusive";

    /// <summary>Commands per instance: start, assess, four branches, close.</summary>
    public const int CommandsPerInstance = 7;

    /// <summary>The assessment outcome; with it every inclusive condition holds, so both variants run all four branches.</summary>
    public static readonly IReadOnlyDictionary<string, object?> AssessOutcome = new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["riskLevel"] = "high",
        ["needsCleaning"] = true,
        ["needsHealthCheck"] = true,
        ["householdSize"] = 2m,
        ["assessmentSummary"] = "확인",
    };

    public static string ParallelXml { get; } = Build(ParallelId, "parallelGateway", conditions: false);

    public static string InclusiveXml { get; } = Build(InclusiveId, "inclusiveGateway", conditions: true);

    public static WorkflowDefinition Parse(string xml)
    {
        var result = BpmnParser.Parse(xml);
        if (!result.IsValid)
        {
            throw new InvalidOperationException("Benchmark workflow is invalid: " + string.Join("; ", result.Issues));
        }

        return result.Definition!;
    }

    /// <summary>Runs one instance to completion, completing every task as soon as it is created; returns the command count.</summary>
    public static int RunInstance(WorkflowDefinition definition, DateTimeOffset now, Queue<int> open)
    {
        var result = WorkflowInterpreter.Execute(definition, InstanceState.Empty, new StartInstance(), now);
        var commands = 1;
        Enqueue(result.Effects, open);
        while (open.TryDequeue(out var taskId))
        {
            var outcome = commands == 1 ? AssessOutcome : null;
            result = WorkflowInterpreter.Execute(definition, result.State, new CompleteTask(taskId, outcome), now);
            commands++;
            Enqueue(result.Effects, open);
        }

        if (result.State.Status != InstanceStatus.Completed)
        {
            throw new InvalidOperationException($"Instance ended {result.State.Status}, expected Completed.");
        }

        return commands;
    }

    private static void Enqueue(IReadOnlyList<ExecutionEffect> effects, Queue<int> open)
    {
        for (var i = 0; i < effects.Count; i++)
        {
            if (effects[i] is TaskCreated created)
            {
                open.Enqueue(created.TaskId);
            }
        }
    }

    private static string Build(string id, string gateway, bool conditions)
    {
        string[] branches = ["cleaning", "health", "meals", "benefits"];
        string[] guards = ["needsCleaning", "needsHealthCheck == true", "riskLevel in [\"high\", \"medium\"]", "householdSize >= 1 and not (assessmentSummary == \"\")"];
        var tasks = string.Concat(branches.Select(b => Task($"t_{b}", b)));
        var flows = string.Concat(branches.Select((b, i) =>
            Flow($"f_fork_{b}", "fork", $"t_{b}", conditions ? guards[i] : null) + Flow($"f_{b}_join", $"t_{b}", "join")));
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                              xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                              xmlns:rf="http://referralflow.org/schema/bpmn/1.0"
                              id="defs-{id}" targetNamespace="http://referralflow.org/benchmarks">
              <bpmn:process id="{id}" name="벤치마크 의뢰" isExecutable="true">
                <bpmn:startEvent id="start"/>
                {Task("t_assess", "welfare-center")}
                <bpmn:{gateway} id="fork"/>
                {tasks}
                <bpmn:{gateway} id="join"/>
                {Task("t_close", "hub")}
                <bpmn:endEvent id="end"/>
                {Flow("f_start", "start", "t_assess")}{Flow("f_assess_fork", "t_assess", "fork")}
                {flows}
                {Flow("f_join_close", "join", "t_close")}{Flow("f_close_end", "t_close", "end")}
              </bpmn:process>
            </bpmn:definitions>
            """;
    }

    private static string Task(string id, string role) =>
        $"""<bpmn:userTask id="{id}" name="{id}" rf:role="{role}" rf:due="P3D" rf:escalation="standard"/>""";

    private static string Flow(string id, string from, string to, string? condition) => condition is null
        ? $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"/>"""
        : $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{System.Security.SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>""";

    private static string Flow(string id, string from, string to) => Flow(id, from, to, null);
}

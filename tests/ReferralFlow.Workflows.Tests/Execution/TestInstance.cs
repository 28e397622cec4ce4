using ReferralFlow.Workflows.Escalation;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Tests.Execution;

/// <summary>Drives one instance through the pure interpreter, keeping the state and the effects of every step.</summary>
internal sealed class TestInstance
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(9));

    public TestInstance(string xml)
    {
        var result = BpmnParser.Parse(xml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Definition = result.Definition!;
    }

    public TestInstance(WorkflowDefinition definition) => Definition = definition;

    public WorkflowDefinition Definition { get; }

    public InstanceState State { get; private set; } = InstanceState.Empty;

    public DateTimeOffset Now { get; set; } = T0;

    /// <summary>The working days deadlines count (<c>rf:dueCalendar="working"</c>); Korea without holidays when null.</summary>
    public WorkingCalendar? Calendar { get; set; }

    /// <summary>Per-instance bounds; the interpreter's defaults when null.</summary>
    public ExecutionLimits? Limits { get; set; }

    public List<ExecutionEffect> AllEffects { get; } = [];

    public IReadOnlyList<ExecutionEffect> LastEffects { get; private set; } = [];

    public IEnumerable<string> OpenTasks =>
        State.Tokens.Where(t => t.State == TokenState.AtTask).Select(t => t.NodeId).Order(StringComparer.Ordinal);

    public TestInstance Start(IReadOnlyDictionary<string, object?>? variables = null) => Apply(new StartInstance(variables));

    public TestInstance Complete(string nodeId, IReadOnlyDictionary<string, object?>? variables = null) =>
        Apply(new CompleteTask(TaskId(nodeId), variables));

    public TestInstance Fire(string timerNodeId)
    {
        var timer = State.Timers.First(t => t.NodeId == timerNodeId);
        Now = timer.DueAt;
        return Apply(new FireTimer(timer.Id));
    }

    public int TaskId(string nodeId) =>
        State.Tokens.Single(t => t.State == TokenState.AtTask && t.NodeId == nodeId).Id;

    public TestInstance Apply(WorkflowCommand command)
    {
        var result = WorkflowInterpreter.Execute(Definition, State, command, Now, Calendar, Limits);
        State = result.State;
        LastEffects = result.Effects;
        AllEffects.AddRange(result.Effects);
        return this;
    }

    public static Dictionary<string, object?> Vars(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}

using ReferralFlow.Workflows.Execution;
using static ReferralFlow.Workflows.Tests.Bpmn;
using static ReferralFlow.Workflows.Tests.Execution.TestInstance;

namespace ReferralFlow.Workflows.Tests.Execution;

public sealed class SequenceAndCommandTests
{
    [Fact]
    public void Start_runs_until_the_first_user_task_and_sets_its_deadline()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/>{Task("visit", "assessment", "rf:due=\"P3D\" rf:escalation=\"standard\"")}<bpmn:endEvent id="end"/>
            {Flow("f1", "start", "visit")}{Flow("f2", "visit", "end")}
            """)).Start();

        var created = Assert.IsType<TaskCreated>(Assert.Single(instance.LastEffects));
        Assert.Equal("visit", created.NodeId);
        Assert.Equal("assessment", created.RoleKey);
        Assert.Equal(T0.AddDays(3), created.DueAt);
        Assert.Equal("standard", created.EscalationPolicy);
        Assert.Equal(InstanceStatus.Running, instance.State.Status);
    }

    [Fact]
    public void Completing_the_last_task_completes_the_instance()
    {
        var instance = new TestInstance(Chain("a", "b")).Start().Complete("a");
        Assert.Equal(["b"], instance.OpenTasks);

        instance.Complete("b", Vars(("outcome", "done")));

        Assert.Equal(InstanceStatus.Completed, instance.State.Status);
        Assert.Contains(instance.LastEffects, e => e is InstanceCompleted { Terminated: false });
        Assert.Equal("done", instance.State.Variables["outcome"]);
        Assert.Empty(instance.State.Tokens);
    }

    [Fact]
    public void Complete_throws_TaskNotOpen_when_task_already_completed()
    {
        var instance = new TestInstance(Chain("a", "b")).Start();
        var taskId = instance.TaskId("a");
        instance.Complete("a");

        var ex = Assert.Throws<WorkflowCommandException>(() => instance.Apply(new CompleteTask(taskId)));
        Assert.Equal(WorkflowCommandError.TaskNotOpen, ex.Error);
    }

    [Fact]
    public void Commands_on_an_ended_instance_throw_InstanceNotRunning()
    {
        var instance = new TestInstance(Chain("a")).Start().Complete("a");

        var ex = Assert.Throws<WorkflowCommandException>(() => instance.Apply(new CompleteTask(1)));
        Assert.Equal(WorkflowCommandError.InstanceNotRunning, ex.Error);
    }

    [Fact]
    public void Start_twice_throws_AlreadyStarted()
    {
        var instance = new TestInstance(Chain("a")).Start();

        var ex = Assert.Throws<WorkflowCommandException>(() => instance.Start());
        Assert.Equal(WorkflowCommandError.AlreadyStarted, ex.Error);
    }

    [Fact]
    public void Execute_is_pure_the_input_state_is_unchanged_and_results_repeat()
    {
        var instance = new TestInstance(Chain("a", "b")).Start();
        var before = instance.State;

        var first = WorkflowInterpreter.Execute(instance.Definition, before, new CompleteTask(instance.TaskId("a")), T0);
        var second = WorkflowInterpreter.Execute(instance.Definition, before, new CompleteTask(instance.TaskId("a")), T0);

        Assert.Equal(["a"], before.Tokens.Select(t => t.NodeId));
        Assert.Equal(first.Effects, second.Effects);
        Assert.Equal(first.State.Tokens, second.State.Tokens);
    }

    [Fact]
    public void Task_ids_are_unique_when_a_loop_revisits_a_task()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/>{Task("check")}
            <bpmn:exclusiveGateway id="again" default="f_done"/><bpmn:endEvent id="end"/>
            {Flow("f1", "start", "check")}{Flow("f2", "check", "again")}
            {Flow("f_loop", "again", "check", "reassess == true")}{Flow("f_done", "again", "end")}
            """)).Start();
        var first = instance.TaskId("check");

        instance.Complete("check", Vars(("reassess", true)));

        Assert.NotEqual(first, instance.TaskId("check"));
        instance.Complete("check", Vars(("reassess", false)));
        Assert.Equal(InstanceStatus.Completed, instance.State.Status);
    }

    [Fact]
    public void Cancel_cancels_every_open_task_and_timer()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/>{Task("a")}
            <bpmn:boundaryEvent id="late" attachedToRef="a" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            {Task("remind")}<bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/>
            {Flow("f1", "start", "a")}{Flow("f2", "a", "end")}{Flow("f3", "late", "remind")}{Flow("f4", "remind", "end2")}
            """)).Start();

        instance.Apply(new CancelInstance("가구 전출"));

        Assert.Equal(InstanceStatus.Cancelled, instance.State.Status);
        Assert.Contains(instance.LastEffects, e => e is TaskCancelled { NodeId: "a" });
        Assert.Contains(instance.LastEffects, e => e is TimerCancelled { NodeId: "late" });
        Assert.Empty(instance.State.Timers);
    }

    [Fact]
    public void MoveToken_repairs_a_stuck_token_by_moving_it_to_another_step()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="route"/>{Task("a")}{Task("b")}<bpmn:endEvent id="end"/>
            {Flow("f1", "start", "route")}{Flow("fa", "route", "a", "x == 1")}{Flow("fb", "route", "b", "x == 2")}
            {Flow("f2", "a", "end")}{Flow("f3", "b", "end")}
            """)).Start(Vars(("x", 3)));
        var stuck = Assert.Single(instance.State.Tokens);
        Assert.Equal(TokenState.Incident, stuck.State);

        instance.Apply(new MoveToken(stuck.Id, "b", "x was entered wrongly"));

        Assert.Equal(["b"], instance.OpenTasks);
        Assert.Contains(instance.LastEffects, e => e is TokenMoved { FromNodeId: "route", ToNodeId: "b" });
    }

    [Fact]
    public void A_gateway_cycle_without_a_wait_raises_an_incident_instead_of_hanging()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="g1"/><bpmn:exclusiveGateway id="g2" default="back"/>{Task("never")}
            {Flow("f1", "start", "g1")}{Flow("f2", "g1", "g2")}{Flow("back", "g2", "g1")}{Flow("out", "g2", "never", "false")}
            """)).Start();

        Assert.Contains(instance.LastEffects, e => e is IncidentRaised);
        Assert.Equal(InstanceStatus.Running, instance.State.Status);
    }
}

using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;
using static ReferralFlow.Workflows.Tests.Bpmn;
using static ReferralFlow.Workflows.Tests.Execution.TestInstance;

namespace ReferralFlow.Workflows.Tests.Execution;

public sealed class RepairTests
{
    private static readonly string Deadline = """
        <bpmn:boundaryEvent id="late" attachedToRef="a" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        """;

    private static readonly string WithDeadline = Process($"""
        <bpmn:startEvent id="start"/>{Task("a")}{Deadline}{Task("b")}{Task("remind")}<bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/>
        {Flow("f1", "start", "a")}{Flow("f2", "a", "b")}{Flow("f3", "b", "end")}{Flow("f4", "late", "remind")}{Flow("f5", "remind", "end2")}
        """);

    private static readonly string InclusiveXml = Process($"""
        <bpmn:startEvent id="start"/><bpmn:inclusiveGateway id="split"/>{Task("clean")}{Task("health")}
        <bpmn:inclusiveGateway id="merge"/>{Task("close")}<bpmn:endEvent id="end"/>
        {Flow("f1", "start", "split")}{Flow("f_clean", "split", "clean", "needsCleaning")}{Flow("f_health", "split", "health", "needsHealth")}
        {Flow("f_clean_merge", "clean", "merge")}{Flow("f_health_merge", "health", "merge")}{Flow("f_close", "merge", "close")}{Flow("f_end", "close", "end")}
        """);

    [Fact]
    public void SkipTask_cancels_the_task_with_the_reason_and_its_token_moves_on()
    {
        var instance = new TestInstance(WithDeadline).Start();
        var taskId = instance.TaskId("a");

        instance.Apply(new SkipTask(taskId, "done by phone"));

        Assert.Equal(["b"], instance.OpenTasks);
        var cancelled = Assert.Single(instance.LastEffects.OfType<TaskCancelled>());
        Assert.Equal((taskId, "a"), (cancelled.TaskId, cancelled.NodeId));
        Assert.Contains("done by phone", cancelled.Reason, StringComparison.Ordinal);
        Assert.Contains(instance.LastEffects, e => e is TimerCancelled { NodeId: "late" });
        Assert.DoesNotContain(instance.LastEffects, e => e is TaskCompleted);
        Assert.Empty(instance.State.Timers);
    }

    [Fact]
    public void SkipTask_evaluates_the_outgoing_conditions_on_the_current_variables()
    {
        var xml = Process($"""
            <bpmn:startEvent id="start"/>{Task("assess")}<bpmn:exclusiveGateway id="route" default="f_routine"/>{Task("urgent")}{Task("routine")}<bpmn:endEvent id="end"/>
            {Flow("f1", "start", "assess")}{Flow("f2", "assess", "route")}{Flow("f_urgent", "route", "urgent", "risk == \"high\"")}
            {Flow("f_routine", "route", "routine")}{Flow("e1", "urgent", "end")}{Flow("e2", "routine", "end")}
            """);
        var instance = new TestInstance(xml).Start(Vars(("risk", "high")));

        instance.Apply(new SkipTask(instance.TaskId("assess"), "assessed elsewhere"));

        Assert.Equal(["urgent"], instance.OpenTasks);
    }

    [Fact]
    public void Skipping_the_last_task_completes_the_instance()
    {
        var instance = new TestInstance(Chain("a")).Start();

        instance.Apply(new SkipTask(instance.TaskId("a"), "household moved"));

        Assert.Equal(InstanceStatus.Completed, instance.State.Status);
        Assert.Contains(instance.LastEffects, e => e is InstanceCompleted { Terminated: false });
    }

    [Fact]
    public void SkipTask_of_a_task_that_is_not_open_throws_TaskNotOpen()
    {
        var instance = new TestInstance(Chain("a", "b")).Start();
        var taskId = instance.TaskId("a");
        instance.Complete("a");

        var ex = Assert.Throws<WorkflowCommandException>(() => instance.Apply(new SkipTask(taskId, "late")));

        Assert.Equal(WorkflowCommandError.TaskNotOpen, ex.Error);
    }

    [Fact]
    public void CancelBranch_removes_the_token_and_an_inclusive_join_stops_waiting_for_it()
    {
        var instance = new TestInstance(InclusiveXml).Start(Vars(("needsCleaning", true), ("needsHealth", true)));
        instance.Complete("clean");
        Assert.Equal(["health"], instance.OpenTasks);
        var healthId = instance.TaskId("health");

        instance.Apply(new CancelBranch(healthId, "health centre declined"));

        Assert.Equal(["close"], instance.OpenTasks);
        Assert.Contains(instance.LastEffects, e => e is TaskCancelled { NodeId: "health" });
        Assert.Contains(instance.LastEffects, e => e is TokenRemoved { NodeId: "health", Reason: "health centre declined" } removed && removed.TokenId == healthId);
    }

    [Fact]
    public void CancelBranch_of_the_last_token_completes_the_instance()
    {
        var instance = new TestInstance(Chain("a")).Start();

        instance.Apply(new CancelBranch(instance.TaskId("a"), "duplicate referral"));

        Assert.Equal(InstanceStatus.Completed, instance.State.Status);
        Assert.Empty(instance.State.Tokens);
    }

    [Fact]
    public void CancelBranch_removes_a_stuck_token()
    {
        var xml = Process($"""
            <bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/><bpmn:exclusiveGateway id="route"/>{Task("a")}{Task("b")}<bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/>
            {Flow("f1", "start", "fork")}{Flow("f2", "fork", "route")}{Flow("f3", "fork", "b")}{Flow("fa", "route", "a", "x == 1")}
            {Flow("f4", "a", "end")}{Flow("f5", "b", "end2")}
            """);
        var instance = new TestInstance(xml).Start(Vars(("x", 2)));
        var stuck = Assert.Single(instance.State.Tokens, t => t.State == TokenState.Incident);

        instance.Apply(new CancelBranch(stuck.Id, "branch not needed"));

        Assert.Equal(["b"], instance.OpenTasks);
        Assert.DoesNotContain(instance.State.Tokens, t => t.State == TokenState.Incident);
    }

    [Fact]
    public void CancelBranch_of_an_unknown_token_throws_TokenNotFound()
    {
        var instance = new TestInstance(Chain("a")).Start();

        var ex = Assert.Throws<WorkflowCommandException>(() => instance.Apply(new CancelBranch(999, "x")));

        Assert.Equal(WorkflowCommandError.TokenNotFound, ex.Error);
    }

    [Fact]
    public void AddToken_reopens_a_completed_task_as_a_new_task_alongside_the_open_ones()
    {
        var instance = new TestInstance(WithDeadline).Start();
        var first = instance.TaskId("a");
        instance.Complete("a");

        instance.Apply(new AddToken("a", "visit must be repeated"));

        Assert.Equal(["a", "b"], instance.OpenTasks);
        Assert.NotEqual(first, instance.TaskId("a"));
        Assert.Equal(new TokenAdded("a", "visit must be repeated"), instance.LastEffects[0]);
        Assert.Contains(instance.LastEffects, e => e is TaskCreated { NodeId: "a" });
        Assert.Contains(instance.LastEffects, e => e is TimerScheduled { NodeId: "late" });
    }

    [Fact]
    public void AddToken_on_an_ended_instance_throws_InstanceNotRunning()
    {
        var instance = new TestInstance(Chain("a")).Start().Complete("a");

        var ex = Assert.Throws<WorkflowCommandException>(() => instance.Apply(new AddToken("a", "reopen")));

        Assert.Equal(WorkflowCommandError.InstanceNotRunning, ex.Error);
    }

    [Theory]
    [InlineData("merge")]
    [InlineData("start")]
    [InlineData("nowhere")]
    public void AddToken_refuses_joins_start_events_and_unknown_nodes(string nodeId)
    {
        var instance = new TestInstance(InclusiveXml).Start(Vars(("needsCleaning", true), ("needsHealth", false)));

        var ex = Assert.Throws<WorkflowCommandException>(() => instance.Apply(new AddToken(nodeId, "x")));

        Assert.Equal(WorkflowCommandError.InvalidTarget, ex.Error);
    }

    [Fact]
    public void Migration_check_accepts_a_version_that_keeps_the_waiting_nodes_and_changes_the_rest()
    {
        var instance = new TestInstance(WithDeadline).Start();
        var next = Parse(Process($"""
            <bpmn:startEvent id="start"/><bpmn:userTask id="a" name="renamed" rf:role="other"/>{Deadline}{Task("b2")}{Task("remind")}<bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/>
            {Flow("f1", "start", "a")}{Flow("f2", "a", "b2")}{Flow("f3", "b2", "end")}{Flow("f4", "late", "remind")}{Flow("f5", "remind", "end2")}
            """));

        Assert.Empty(InstanceMigration.Check(instance.Definition, next, instance.State));
    }

    [Fact]
    public void Migration_check_lists_nodes_that_are_missing_or_of_another_kind()
    {
        var instance = new TestInstance(WithDeadline).Start();
        var next = Parse(Process($"""
            <bpmn:startEvent id="start"/><bpmn:sendTask id="a" rf:type="email" rf:to="role:worker"/>{Task("b")}<bpmn:endEvent id="end"/>
            {Flow("f1", "start", "a")}{Flow("f2", "a", "b")}{Flow("f3", "b", "end")}
            """));

        var problems = InstanceMigration.Check(instance.Definition, next, instance.State);

        Assert.Equal(["a", "late"], problems.Select(p => p.NodeId));
        Assert.Contains("send task", problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migration_check_refuses_a_join_token_whose_incoming_flow_is_gone()
    {
        var instance = new TestInstance(InclusiveXml).Start(Vars(("needsCleaning", true), ("needsHealth", true))).Complete("clean");
        var next = Parse(Process($"""
            <bpmn:startEvent id="start"/><bpmn:inclusiveGateway id="split"/>{Task("clean")}{Task("health")}
            <bpmn:inclusiveGateway id="merge"/>{Task("close")}<bpmn:endEvent id="end"/>
            {Flow("f1", "start", "split")}{Flow("f_clean", "split", "clean", "needsCleaning")}{Flow("f_health", "split", "health", "needsHealth")}
            {Flow("f_clean_merge2", "clean", "merge")}{Flow("f_health_merge", "health", "merge")}{Flow("f_close", "merge", "close")}{Flow("f_end", "close", "end")}
            """));

        var problem = Assert.Single(InstanceMigration.Check(instance.Definition, next, instance.State));

        Assert.Equal("merge", problem.NodeId);
        Assert.Contains("f_clean_merge", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migration_check_refuses_a_boundary_timer_attached_to_another_task()
    {
        var instance = new TestInstance(WithDeadline).Start();
        var next = Parse(Process($"""
            <bpmn:startEvent id="start"/>{Task("a")}{Task("b")}{Task("remind")}<bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/>
            <bpmn:boundaryEvent id="late" attachedToRef="b" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            {Flow("f1", "start", "a")}{Flow("f2", "a", "b")}{Flow("f3", "b", "end")}{Flow("f4", "late", "remind")}{Flow("f5", "remind", "end2")}
            """));

        var problem = Assert.Single(InstanceMigration.Check(instance.Definition, next, instance.State));

        Assert.Equal("late", problem.NodeId);
    }

    private static WorkflowDefinition Parse(string xml)
    {
        var result = BpmnParser.Parse(xml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Definition!;
    }
}

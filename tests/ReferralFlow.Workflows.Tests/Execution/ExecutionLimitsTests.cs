using ReferralFlow.Workflows.Execution;
using static ReferralFlow.Workflows.Tests.Bpmn;

namespace ReferralFlow.Workflows.Tests.Execution;

/// <summary>Per-instance bounds: a runaway loop or a task flood stops with an incident and waits for repair.</summary>
public sealed class ExecutionLimitsTests
{
    /// <summary>review → (approved? end : review again): a loop through a user task.</summary>
    private static readonly string ReviewLoop = Process($"""
        <bpmn:startEvent id="start"/>{Task("review")}<bpmn:exclusiveGateway id="approved" default="again"/><bpmn:endEvent id="end"/>
        {Flow("f1", "start", "review")}{Flow("f2", "review", "approved")}{Flow("done", "approved", "end", "approved")}{Flow("again", "approved", "review")}
        """);

    /// <summary>A send task in a loop that never waits: every pass would ask for another message.</summary>
    private static readonly string MailLoop = Process($"""
        <bpmn:startEvent id="start"/><bpmn:sendTask id="mail" rf:type="email" rf:to="role:worker"/>{Task("never")}
        <bpmn:exclusiveGateway id="more" default="back"/><bpmn:endEvent id="end"/>
        {Flow("f1", "start", "mail")}{Flow("f2", "mail", "more")}{Flow("back", "more", "mail")}{Flow("out", "more", "never", "stop")}{Flow("f3", "never", "end")}
        """);

    /// <summary>wait an hour → remind → wait again, for ever.</summary>
    private static readonly string TimerLoop = Process($"""
        <bpmn:startEvent id="start"/>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:sendTask id="remind" rf:type="email" rf:to="role:worker"/>{Task("unused")}<bpmn:endEvent id="end"/>
        {Flow("f1", "start", "wait")}{Flow("f2", "wait", "remind")}{Flow("f3", "remind", "wait")}{Flow("f4", "start", "unused")}{Flow("f5", "unused", "end")}
        """);

    [Fact]
    public void A_loop_through_a_task_stops_with_an_incident_after_the_configured_number_of_passes()
    {
        var instance = new TestInstance(ReviewLoop) { Limits = new ExecutionLimits { MaxLoopIterations = 5 } }.Start();
        for (var pass = 1; pass < 5; pass++)
        {
            instance.Complete("review");
        }

        Assert.Equal(["review"], instance.OpenTasks);
        instance.Complete("review");

        Assert.Empty(instance.OpenTasks);
        Assert.DoesNotContain(instance.LastEffects, e => e is TaskCreated);
        var incident = Assert.Single(instance.LastEffects.OfType<IncidentRaised>());
        Assert.Equal("review", incident.NodeId);
        Assert.Contains("5", incident.Message, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Running, instance.State.Status);
        Assert.Equal(TokenState.Incident, Assert.Single(instance.State.Tokens).State);
        Assert.Equal(5, instance.AllEffects.OfType<TaskCreated>().Count());
    }

    [Fact]
    public void The_default_allows_100_passes_through_a_looping_step()
    {
        var instance = new TestInstance(ReviewLoop).Start();
        for (var pass = 1; pass < 100; pass++)
        {
            instance.Complete("review");
        }

        Assert.Equal(["review"], instance.OpenTasks);
        instance.Complete("review");

        Assert.Single(instance.LastEffects.OfType<IncidentRaised>());
        Assert.Equal(100, instance.AllEffects.OfType<TaskCreated>().Count());
    }

    [Fact]
    public void A_send_task_looping_without_a_wait_asks_for_at_most_the_loop_limit_of_messages()
    {
        var instance = new TestInstance(MailLoop) { Limits = new ExecutionLimits { MaxLoopIterations = 20 } }.Start();

        Assert.Equal(20, instance.LastEffects.OfType<MessageRequested>().Count());
        Assert.Equal("mail", Assert.Single(instance.LastEffects.OfType<IncidentRaised>()).NodeId);
        Assert.Equal(InstanceStatus.Running, instance.State.Status);
    }

    [Fact]
    public void A_timer_loop_stops_once_its_steps_reach_the_limit()
    {
        var instance = new TestInstance(TimerLoop) { Limits = new ExecutionLimits { MaxLoopIterations = 3 } }.Start();

        // Entering 'wait' three times is allowed (start + two loops); the third pass through 'remind' loops back a fourth time.
        instance.Fire("wait").Fire("wait").Fire("wait");

        Assert.Equal(3, instance.AllEffects.OfType<MessageRequested>().Count());
        Assert.Equal("wait", Assert.Single(instance.LastEffects.OfType<IncidentRaised>()).NodeId);
        Assert.Empty(instance.State.Timers);
        Assert.Equal(["unused"], instance.OpenTasks);
    }

    [Fact]
    public void Creating_more_tasks_than_the_instance_limit_raises_an_incident_instead()
    {
        var instance = new TestInstance(Chain("a", "b", "c", "d")) { Limits = new ExecutionLimits { MaxTasksPerInstance = 3 } }.Start();

        instance.Complete("a").Complete("b").Complete("c");

        Assert.Empty(instance.OpenTasks);
        Assert.Equal("d", Assert.Single(instance.LastEffects.OfType<IncidentRaised>()).NodeId);
        Assert.Equal(3, instance.State.TasksCreated);
        Assert.Equal(InstanceStatus.Running, instance.State.Status);
    }

    [Fact]
    public void Moving_the_stopped_token_by_repair_grants_a_fresh_budget()
    {
        var instance = new TestInstance(ReviewLoop) { Limits = new ExecutionLimits { MaxLoopIterations = 2, MaxTasksPerInstance = 2 } }.Start();
        instance.Complete("review").Complete("review");
        var stuck = Assert.Single(instance.State.Tokens);

        instance.Apply(new MoveToken(stuck.Id, "review", "checked with the team"));

        Assert.Equal(["review"], instance.OpenTasks);
        Assert.Equal(1, instance.State.TasksCreated);
        Assert.Equal(1, instance.State.LoopVisits["review"]);
        instance.Complete("review", TestInstance.Vars(("approved", true)));
        Assert.Equal(InstanceStatus.Completed, instance.State.Status);
    }

    [Fact]
    public void A_loop_through_an_interrupting_timer_counts_too()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/>{Task("visit")}<bpmn:endEvent id="end"/>
            <bpmn:boundaryEvent id="late" attachedToRef="visit"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            {Flow("f1", "start", "visit")}{Flow("f2", "visit", "end")}{Flow("retry", "late", "visit")}
            """)) { Limits = new ExecutionLimits { MaxLoopIterations = 2 } }.Start();

        instance.Fire("late").Fire("late");

        Assert.Empty(instance.OpenTasks);
        Assert.Equal("visit", Assert.Single(instance.LastEffects.OfType<IncidentRaised>()).NodeId);
    }

    [Fact]
    public void Steps_outside_loops_are_not_counted()
    {
        var instance = new TestInstance(Chain("a", "b")).Start().Complete("a");

        Assert.Empty(instance.State.LoopVisits);
        Assert.Equal(2, instance.State.TasksCreated);
    }

    [Fact]
    public void The_counters_survive_a_json_round_trip_and_older_states_read_as_zero()
    {
        var instance = new TestInstance(ReviewLoop).Start().Complete("review");

        var read = InstanceStateJson.Deserialize(InstanceStateJson.Serialize(instance.State));
        var old = InstanceStateJson.Deserialize("""{"v":1,"status":"Running","nextId":2,"tokens":[],"timers":[],"variables":{}}""");

        Assert.Equal(2, read.TasksCreated);
        Assert.Equal(2, read.LoopVisits["review"]);
        Assert.Equal(0, old.TasksCreated);
        Assert.Empty(old.LoopVisits);
    }
}

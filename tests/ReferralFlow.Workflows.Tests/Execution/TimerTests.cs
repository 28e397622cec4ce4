using ReferralFlow.Workflows.Execution;
using static ReferralFlow.Workflows.Tests.Bpmn;
using static ReferralFlow.Workflows.Tests.Execution.TestInstance;

namespace ReferralFlow.Workflows.Tests.Execution;

public sealed class TimerTests
{
    private static string Boundary(string id, string attachedTo, string duration, bool interrupting, bool cycle = false) => $"""
        <bpmn:boundaryEvent id="{id}" attachedToRef="{attachedTo}" cancelActivity="{(interrupting ? "true" : "false")}">
          <bpmn:timerEventDefinition><bpmn:{(cycle ? "timeCycle" : "timeDuration")}>{duration}</bpmn:{(cycle ? "timeCycle" : "timeDuration")}></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        """;

    [Fact]
    public void Interrupting_boundary_timer_cancels_the_task_and_takes_its_flow()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/>{Task("visit")}{Boundary("late", "visit", "PT72H", interrupting: true)}
            {Task("supervisor", "hub")}<bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/>
            {Flow("f0", "start", "visit")}{Flow("f1", "visit", "end")}{Flow("f2", "late", "supervisor")}{Flow("f3", "supervisor", "end2")}
            """)).Start();
        var scheduled = Assert.Single(instance.LastEffects.OfType<TimerScheduled>());
        Assert.Equal(T0.AddHours(72), scheduled.DueAt);

        instance.Fire("late");

        Assert.Equal(["supervisor"], instance.OpenTasks);
        Assert.Contains(instance.LastEffects, e => e is TaskCancelled { NodeId: "visit" });
        Assert.Empty(instance.State.Timers);
    }

    [Fact]
    public void Non_interrupting_boundary_timer_keeps_the_task_open_and_starts_a_parallel_path()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/>{Task("deliver")}{Boundary("monthly", "deliver", "P30D", interrupting: false)}
            {Task("statusReply")}<bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/>
            {Flow("f0", "start", "deliver")}{Flow("f1", "deliver", "end")}{Flow("f2", "monthly", "statusReply")}{Flow("f3", "statusReply", "end2")}
            """)).Start().Fire("monthly");

        Assert.Equal(["deliver", "statusReply"], instance.OpenTasks);
        instance.Complete("statusReply");
        Assert.Equal(InstanceStatus.Running, instance.State.Status);
        instance.Complete("deliver");
        Assert.Equal(InstanceStatus.Completed, instance.State.Status);
    }

    [Fact]
    public void Completing_a_task_in_time_cancels_its_boundary_timers()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/>{Task("deliver")}{Boundary("monthly", "deliver", "P30D", interrupting: false)}
            {Task("statusReply")}<bpmn:endEvent id="end"/>
            {Flow("f0", "start", "deliver")}{Flow("f1", "deliver", "end")}{Flow("f2", "monthly", "statusReply")}
            """)).Start();
        var timerId = instance.State.Timers.Single().Id;

        instance.Complete("deliver");

        Assert.Contains(instance.LastEffects, e => e is TimerCancelled c && c.TimerId == timerId);
        Assert.Equal(InstanceStatus.Completed, instance.State.Status);
    }

    [Fact]
    public void A_repeating_non_interrupting_timer_fires_its_count_then_stops()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/>{Task("wait")}{Boundary("daily", "wait", "R3/P1D", interrupting: false, cycle: true)}
            <bpmn:sendTask id="remind" rf:type="email" rf:to="role:worker" rf:template="reminder"/>
            <bpmn:endEvent id="end"/><bpmn:endEvent id="sent"/>
            {Flow("f0", "start", "wait")}{Flow("f1", "wait", "end")}{Flow("f2", "daily", "remind")}{Flow("f3", "remind", "sent")}
            """)).Start();

        instance.Fire("daily").Fire("daily").Fire("daily");

        Assert.Equal(3, instance.AllEffects.OfType<MessageRequested>().Count());
        Assert.Empty(instance.State.Timers);
        Assert.Equal(T0.AddDays(3), instance.Now);
        Assert.Equal(["wait"], instance.OpenTasks);
    }

    [Fact]
    public void Intermediate_timer_holds_the_token_until_it_fires()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="month"><bpmn:timerEventDefinition><bpmn:timeDuration>P1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            {Task("followUp")}<bpmn:endEvent id="end"/>
            {Flow("f0", "start", "month")}{Flow("f1", "month", "followUp")}{Flow("f2", "followUp", "end")}
            """)).Start();
        Assert.Empty(instance.OpenTasks);
        Assert.Equal(T0.AddMonths(1), instance.State.Timers.Single().DueAt);

        instance.Fire("month");

        Assert.Equal(["followUp"], instance.OpenTasks);
    }

    [Fact]
    public void Firing_a_cancelled_timer_throws_TimerNotPending()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/>{Task("a")}{Boundary("late", "a", "P1D", interrupting: true)}{Task("b")}<bpmn:endEvent id="end"/>
            {Flow("f0", "start", "a")}{Flow("f1", "a", "end")}{Flow("f2", "late", "b")}{Flow("f3", "b", "end")}
            """)).Start();
        var timerId = instance.State.Timers.Single().Id;
        instance.Complete("a");

        var ex = Assert.Throws<WorkflowCommandException>(() => instance.Apply(new FireTimer(timerId)));
        Assert.Equal(WorkflowCommandError.InstanceNotRunning, ex.Error);
    }

    [Fact]
    public void A_timer_on_one_branch_does_not_block_an_inclusive_join_it_cannot_reach()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/><bpmn:inclusiveGateway id="fork"/>{Task("a")}{Task("b")}
            {Boundary("late", "b", "P1D", interrupting: false)}{Task("remind")}<bpmn:endEvent id="remindEnd"/>
            <bpmn:inclusiveGateway id="join"/>{Task("close")}<bpmn:endEvent id="end"/>
            {Flow("f0", "start", "fork")}{Flow("fa", "fork", "a", "x")}{Flow("fb", "fork", "b", "not x")}
            {Flow("fa2", "a", "join")}{Flow("fb2", "b", "join")}{Flow("fl", "late", "remind")}{Flow("fr", "remind", "remindEnd")}
            {Flow("fj", "join", "close")}{Flow("fe", "close", "end")}
            """)).Start(Vars(("x", true))).Complete("a");

        Assert.Equal(["close"], instance.OpenTasks);
    }
}

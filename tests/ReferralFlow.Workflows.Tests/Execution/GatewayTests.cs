using ReferralFlow.Workflows.Execution;
using static ReferralFlow.Workflows.Tests.Bpmn;
using static ReferralFlow.Workflows.Tests.Execution.TestInstance;

namespace ReferralFlow.Workflows.Tests.Execution;

public sealed class GatewayTests
{
    private static readonly string ParallelXml = Process($"""
        <bpmn:startEvent id="start"/>{Task("assess")}<bpmn:parallelGateway id="fork"/>
        {Task("clean", "cleaning")}{Task("health", "health")}{Task("meals", "meals")}
        <bpmn:parallelGateway id="join"/>{Task("close")}<bpmn:endEvent id="end"/>
        {Flow("f1", "start", "assess")}{Flow("f2", "assess", "fork")}
        {Flow("f3", "fork", "clean")}{Flow("f4", "fork", "health")}{Flow("f5", "fork", "meals")}
        {Flow("f6", "clean", "join")}{Flow("f7", "health", "join")}{Flow("f8", "meals", "join")}
        {Flow("f9", "join", "close")}{Flow("f10", "close", "end")}
        """);

    private static readonly string InclusiveXml = Process($"""
        <bpmn:startEvent id="start"/>{Task("assess")}<bpmn:inclusiveGateway id="splits" default="f_none"/>
        {Task("clean", "cleaning")}{Task("repair", "housing")}{Task("health", "health")}{Task("plan")}
        <bpmn:inclusiveGateway id="merge"/>{Task("close")}<bpmn:endEvent id="end"/>
        {Flow("f1", "start", "assess")}{Flow("f2", "assess", "splits")}
        {Flow("f_clean", "splits", "clean", "needsCleaning")}{Flow("f_health", "splits", "health", "needsHealthCheck == true")}
        {Flow("f_none", "splits", "plan")}
        {Flow("f_clean_repair", "clean", "repair")}{Flow("f_repair_merge", "repair", "merge")}
        {Flow("f_health_merge", "health", "merge")}{Flow("f_plan_merge", "plan", "merge")}
        {Flow("f_close", "merge", "close")}{Flow("f_end", "close", "end")}
        """);

    [Fact]
    public void Parallel_fork_creates_every_branch_and_the_join_waits_for_all()
    {
        var instance = new TestInstance(ParallelXml).Start().Complete("assess");
        Assert.Equal(["clean", "health", "meals"], instance.LastEffects.OfType<TaskCreated>().Select(t => t.NodeId));

        instance.Complete("clean").Complete("meals");
        Assert.Equal(["health"], instance.OpenTasks);
        Assert.Equal(2, instance.State.Tokens.Count(t => t.State == TokenState.AtJoin));

        instance.Complete("health");
        Assert.Equal(["close"], instance.OpenTasks);
        Assert.DoesNotContain(instance.State.Tokens, t => t.State == TokenState.AtJoin);
    }

    [Fact]
    public void Exclusive_gateway_takes_the_first_flow_whose_condition_holds()
    {
        var xml = Process($"""
            <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="risk" default="f_low"/>
            {Task("panel")}{Task("urgent")}{Task("routine")}<bpmn:endEvent id="end"/>
            {Flow("f0", "start", "risk")}
            {Flow("f_panel", "risk", "panel", "riskLevel == \"고위험\" and mentalHealth")}
            {Flow("f_urgent", "risk", "urgent", "riskLevel in [\"고위험\", \"중위험\"]")}
            {Flow("f_low", "risk", "routine")}
            {Flow("e1", "panel", "end")}{Flow("e2", "urgent", "end")}{Flow("e3", "routine", "end")}
            """);

        Assert.Equal(["panel"], new TestInstance(xml).Start(Vars(("riskLevel", "고위험"), ("mentalHealth", true))).OpenTasks);
        Assert.Equal(["urgent"], new TestInstance(xml).Start(Vars(("riskLevel", "고위험"), ("mentalHealth", false))).OpenTasks);
        Assert.Equal(["routine"], new TestInstance(xml).Start(Vars(("riskLevel", "저위험"))).OpenTasks);
        Assert.Equal(["routine"], new TestInstance(xml).Start().OpenTasks);
    }

    [Fact]
    public void Exclusive_gateway_without_match_or_default_raises_an_incident()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="g"/>{Task("a")}{Task("b")}
            {Flow("f0", "start", "g")}{Flow("fa", "g", "a", "n > 5")}{Flow("fb", "g", "b", "n < 0")}
            """)).Start(Vars(("n", 2)));

        var incident = Assert.IsType<IncidentRaised>(Assert.Single(instance.LastEffects));
        Assert.Equal("g", incident.NodeId);
        Assert.Equal(InstanceStatus.Running, instance.State.Status);
    }

    [Fact]
    public void A_condition_that_fails_at_run_time_raises_an_incident_not_an_exception()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="g" default="fb"/>{Task("a")}{Task("b")}
            {Flow("f0", "start", "g")}{Flow("fa", "g", "a", "age > 65")}{Flow("fb", "g", "b")}
            """)).Start(Vars(("age", "칠십")));

        Assert.Contains(instance.LastEffects, e => e is IncidentRaised { NodeId: "g" });
        Assert.Empty(instance.OpenTasks);
    }

    [Fact]
    public void Inclusive_fork_takes_every_flow_whose_condition_holds()
    {
        var instance = new TestInstance(InclusiveXml).Start()
            .Complete("assess", Vars(("needsCleaning", true), ("needsHealthCheck", true)));

        Assert.Equal(["clean", "health"], instance.OpenTasks);
    }

    [Fact]
    public void Inclusive_fork_takes_the_default_when_no_condition_holds()
    {
        var instance = new TestInstance(InclusiveXml).Start()
            .Complete("assess", Vars(("needsCleaning", false), ("needsHealthCheck", false)));

        Assert.Equal(["plan"], instance.OpenTasks);
        instance.Complete("plan");
        Assert.Equal(["close"], instance.OpenTasks);
    }

    [Fact]
    public void Inclusive_join_waits_for_a_token_that_can_still_arrive()
    {
        var instance = new TestInstance(InclusiveXml).Start()
            .Complete("assess", Vars(("needsCleaning", true), ("needsHealthCheck", true)))
            .Complete("health");
        Assert.Equal(["clean"], instance.OpenTasks);

        instance.Complete("clean");
        Assert.Equal(["repair"], instance.OpenTasks);

        instance.Complete("repair");
        Assert.Equal(["close"], instance.OpenTasks);
    }

    [Fact]
    public void Inclusive_join_fires_with_only_the_taken_branch()
    {
        var instance = new TestInstance(InclusiveXml).Start()
            .Complete("assess", Vars(("needsCleaning", false), ("needsHealthCheck", true)))
            .Complete("health");

        Assert.Equal(["close"], instance.OpenTasks);
    }

    [Fact]
    public void Instance_ends_when_no_token_is_left_even_without_a_join()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>{Task("a")}{Task("b")}
            <bpmn:endEvent id="endA"/><bpmn:endEvent id="endB"/>
            {Flow("f0", "start", "fork")}{Flow("f1", "fork", "a")}{Flow("f2", "fork", "b")}
            {Flow("f3", "a", "endA")}{Flow("f4", "b", "endB")}
            """)).Start().Complete("a");
        Assert.Equal(InstanceStatus.Running, instance.State.Status);

        instance.Complete("b");
        Assert.Equal(InstanceStatus.Completed, instance.State.Status);
    }

    [Fact]
    public void Terminate_end_ends_every_branch_and_cancels_open_tasks()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>{Task("refuse")}{Task("meals")}
            <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent><bpmn:endEvent id="end"/>
            {Flow("f0", "start", "fork")}{Flow("f1", "fork", "refuse")}{Flow("f2", "fork", "meals")}
            {Flow("f3", "refuse", "stop")}{Flow("f4", "meals", "end")}
            """)).Start().Complete("refuse");

        Assert.Equal(InstanceStatus.Terminated, instance.State.Status);
        Assert.Contains(instance.LastEffects, e => e is TaskCancelled { NodeId: "meals" });
        Assert.Contains(instance.LastEffects, e => e is InstanceCompleted { Terminated: true });
        Assert.Empty(instance.State.Tokens);
    }

    [Fact]
    public void Conditional_flows_leaving_a_task_take_every_flow_that_holds()
    {
        var instance = new TestInstance(Process($"""
            <bpmn:startEvent id="start"/>{Task("visit")}{Task("a")}{Task("b")}
            {Flow("f0", "start", "visit")}{Flow("fa", "visit", "a", "x >= 1")}{Flow("fb", "visit", "b", "x >= 2")}
            """)).Start().Complete("visit", Vars(("x", 1)));

        Assert.Equal(["a"], instance.OpenTasks);
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

namespace ReferralFlow.Workflows.Persistence.Tests.Alerts;

public abstract class StepAlertTests<TFixture>(TFixture fixture) : StoreTest<TFixture>(fixture)
    where TFixture : IDatabaseFixture
{
    [Fact]
    public async Task The_planners_alerts_for_a_new_step_are_queued_with_its_task_once_per_template()
    {
        var version = await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var planner = new Recording();

        var started = await new WorkflowRuntime(NewContext(), Cache, Clock, alerts: planner).StartAsync(version.Id, "R-1", null, null, Ct);

        var task = Assert.Single(await TasksAsync(started.InstanceId));
        var step = Assert.Single(planner.Steps);
        Assert.Equal((started.InstanceId, task.Id, task.TaskId, "visit", "dong", T0.AddDays(3)), (step.InstanceId, step.TaskRowId, step.TaskId, step.NodeId, step.RoleKey, step.DueAt));
        await using var db = NewContext();
        var queued = await db.Outbox.AsNoTracking().Where(m => m.InstanceId == started.InstanceId).OrderBy(m => m.Template).ToListAsync(Ct);
        Assert.Equal(
            [("a", "agency:x", $"a:{task.Id:N}", "{\"n\":1}"), ("b", "agency:y", $"b:{task.Id:N}", null)],
            queued.Select(m => (m.Template, m.To, m.IdempotencyKey, m.DataJson)));
        Assert.All(queued, m => Assert.Equal((OutboxStatus.Pending, "visit", T0), (m.Status, m.NodeId, m.NextAttemptAt)));
    }

    [Fact]
    public async Task Completing_a_step_announces_only_the_step_it_creates()
    {
        var version = await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(version.Id, "R-1", null, null, Ct);
        var visit = Assert.Single(await TasksAsync(started.InstanceId));
        var planner = new Recording();

        await new WorkflowRuntime(NewContext(), Cache, Clock, alerts: planner).CompleteTaskAsync(started.InstanceId, visit.TaskId, null, null, Ct);

        Assert.Equal(["assess"], planner.Steps.Select(s => s.NodeId));
    }

    private sealed class Recording : IStepAlertPlanner
    {
        public List<NewStep> Steps { get; } = [];

        public Task<IReadOnlyList<StepAlert>> PlanAsync(NewStep step, CancellationToken cancellationToken)
        {
            Steps.Add(step);
            return Task.FromResult<IReadOnlyList<StepAlert>>([new("t", "agency:x", "a", "{\"n\":1}"), new("t", "agency:y", "b")]);
        }
    }
}

public sealed class PostgresStepAlertTests(PostgresFixture fixture) : StepAlertTests<PostgresFixture>(fixture);

public sealed class SqliteStepAlertTests(SqliteFixture fixture) : StepAlertTests<SqliteFixture>(fixture);

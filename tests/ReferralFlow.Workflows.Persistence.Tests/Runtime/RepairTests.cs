using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

namespace ReferralFlow.Workflows.Persistence.Tests.Runtime;

public abstract class RepairTests<TFixture>(TFixture fixture) : StoreTest<TFixture>(fixture)
    where TFixture : IDatabaseFixture
{
    [Fact]
    public async Task Skipping_a_task_cancels_its_row_with_the_reason_and_opens_the_next_step()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(District, "referral", null, null, Ct);
        var visit = Assert.Single(await TasksAsync(started.InstanceId));

        var outcome = await NewRuntime().SkipTaskAsync(started.InstanceId, visit.TaskId, "visited by phone", expectedRevision: 1, Ct);

        Assert.Equal(2, outcome.Revision);
        var tasks = await TasksAsync(started.InstanceId);
        Assert.Equal([("visit", WorkTaskStatus.Cancelled), ("assess", WorkTaskStatus.Open)], tasks.Select(t => (t.NodeId, t.Status)));
        Assert.Contains("visited by phone", tasks[0].CancelReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_token_reopens_a_completed_step_as_a_new_task_row()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var runtime = NewRuntime();
        var started = await runtime.StartAsync(District, "referral", null, null, Ct);
        await runtime.CompleteTaskAsync(started.InstanceId, (await TasksAsync(started.InstanceId))[0].TaskId, null, null, Ct);

        await NewRuntime().AddTokenAsync(started.InstanceId, "visit", "second visit needed", expectedRevision: 2, Ct);

        var tasks = await TasksAsync(started.InstanceId);
        Assert.Equal(
            [("visit", WorkTaskStatus.Completed), ("assess", WorkTaskStatus.Open), ("visit", WorkTaskStatus.Open)],
            tasks.Select(t => (t.NodeId, t.Status)));
        Assert.Contains(TimelineEventTypes.TokenAdded, await TimelineTypesAsync(started.InstanceId));
    }

    [Fact]
    public async Task Cancelling_a_branch_records_the_removed_token_and_can_end_the_instance()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(District, "referral", null, null, Ct);
        var visit = Assert.Single(await TasksAsync(started.InstanceId));

        var outcome = await NewRuntime().CancelBranchAsync(started.InstanceId, visit.TaskId, "duplicate referral", null, Ct);

        Assert.Equal(InstanceStatus.Completed, outcome.Status);
        Assert.Equal(WorkTaskStatus.Cancelled, Assert.Single(await TasksAsync(started.InstanceId)).Status);
        var types = await TimelineTypesAsync(started.InstanceId);
        Assert.Equal([TimelineEventTypes.TaskCancelled, TimelineEventTypes.TokenRemoved, TimelineEventTypes.InstanceCompleted], types[^3..]);
    }

    [Fact]
    public async Task Migrating_moves_the_instance_to_the_new_version_and_later_steps_follow_it()
    {
        var v1 = await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(v1.Id, null, null, null, Ct);
        var v2 = await PublishAsync("referral", TestBpmn.VisitThenAssess("plan", "사례 계획"));

        var outcome = await NewRuntime().MigrateAsync(started.InstanceId, v2.Id, expectedRevision: 1, Ct);

        Assert.Equal(2, outcome.Revision);
        var instance = await InstanceAsync(started.InstanceId);
        Assert.Equal((v2.Id, 2), (instance.VersionId, instance.Revision));
        await NewRuntime().CompleteTaskAsync(started.InstanceId, (await TasksAsync(started.InstanceId))[0].TaskId, null, 2, Ct);
        Assert.Equal(["visit", "plan"], (await TasksAsync(started.InstanceId)).Select(t => t.NodeId));
        await using var db = NewContext();
        var migrated = await db.Timeline.AsNoTracking().SingleAsync(e => e.InstanceId == started.InstanceId && e.Type == TimelineEventTypes.InstanceMigrated, Ct);
        var data = JsonDocument.Parse(migrated.DataJson!).RootElement;
        Assert.Equal((1, 2), (data.GetProperty("fromVersion").GetInt32(), data.GetProperty("toVersion").GetInt32()));
    }

    [Fact]
    public async Task Migrating_to_a_version_without_the_waiting_step_is_refused_and_changes_nothing()
    {
        var v1 = await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(v1.Id, null, null, null, Ct);
        await NewRuntime().CompleteTaskAsync(started.InstanceId, (await TasksAsync(started.InstanceId))[0].TaskId, null, null, Ct);
        var v2 = await PublishAsync("referral", TestBpmn.VisitThenAssess("plan", "사례 계획"));

        var refused = await Assert.ThrowsAsync<InstanceMigrationException>(() => NewRuntime().MigrateAsync(started.InstanceId, v2.Id, null, Ct));

        Assert.Equal(["assess"], refused.UnmappedNodeIds);
        var instance = await InstanceAsync(started.InstanceId);
        Assert.Equal((v1.Id, 2), (instance.VersionId, instance.Revision));
    }

    [Fact]
    public async Task Migrating_to_the_same_or_another_workflow_is_an_invalid_target()
    {
        var v1 = await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var other = await PublishAsync("notify", TestBpmn.NotifyThenVisit());
        var started = await NewRuntime().StartAsync(v1.Id, null, null, null, Ct);

        var same = await Assert.ThrowsAsync<WorkflowCommandException>(() => NewRuntime().MigrateAsync(started.InstanceId, v1.Id, null, Ct));
        var foreign = await Assert.ThrowsAsync<WorkflowCommandException>(() => NewRuntime().MigrateAsync(started.InstanceId, other.Id, null, Ct));

        Assert.Equal((WorkflowCommandError.InvalidTarget, WorkflowCommandError.InvalidTarget), (same.Error, foreign.Error));
    }

    [Fact]
    public async Task Migrating_with_a_stale_revision_is_a_conflict()
    {
        var v1 = await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(v1.Id, null, null, null, Ct);
        var v2 = await PublishAsync("referral", TestBpmn.VisitThenAssess());

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => NewRuntime().MigrateAsync(started.InstanceId, v2.Id, 5, Ct));

        Assert.Equal(1, conflict.CurrentRevision);
    }
}

public sealed class PostgresRepairTests(PostgresFixture fixture) : RepairTests<PostgresFixture>(fixture);

public sealed class SqliteRepairTests(SqliteFixture fixture) : RepairTests<SqliteFixture>(fixture);

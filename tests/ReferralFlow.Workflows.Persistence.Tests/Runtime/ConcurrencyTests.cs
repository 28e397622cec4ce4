using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

namespace ReferralFlow.Workflows.Persistence.Tests.Runtime;

public abstract class ConcurrencyTests<TFixture>(TFixture fixture) : StoreTest<TFixture>(fixture)
    where TFixture : IDatabaseFixture
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_concurrent_completions_of_the_same_task_exactly_one_wins(bool withExpectedRevision)
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(District, "referral", null, null, Ct);
        var visit = Assert.Single(await TasksAsync(started.InstanceId));
        var rendezvous = new FirstQueryRendezvous(parties: 2);
        int? expected = withExpectedRevision ? started.Revision : null;

        // Two requests on their own contexts and connections; both load revision 1 before either saves.
        var attempts = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            var outcome = new Dictionary<string, object?> { ["by"] = $"worker-{i}" };
            return await NewRuntime(NewContext(rendezvous)).CompleteTaskAsync(started.InstanceId, visit.TaskId, outcome, expected, Ct);
        }, Ct)).ToList();
        var results = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                return (Outcome: await a, Error: (Exception?)null);
            }
            catch (Exception ex) when (ex is ConcurrencyConflictException or WorkflowCommandException)
            {
                return (Outcome: (WorkflowCommandOutcome?)null, Error: ex);
            }
        }));

        Assert.Single(results, r => r.Outcome is not null);
        var loser = Assert.Single(results, r => r.Error is not null).Error!;
        if (withExpectedRevision)
        {
            Assert.Equal(2, Assert.IsType<ConcurrencyConflictException>(loser).CurrentRevision);
        }
        else
        {
            // Without an expected revision the loser re-runs on fresh state and finds the task already completed.
            Assert.Equal(WorkflowCommandError.TaskNotOpen, Assert.IsType<WorkflowCommandException>(loser).Error);
        }

        Assert.Equal(2, (await InstanceAsync(started.InstanceId)).Revision);
        Assert.Equal([("visit", WorkTaskStatus.Completed), ("assess", WorkTaskStatus.Open)], (await TasksAsync(started.InstanceId)).Select(t => (t.NodeId, t.Status)));
        await using var db = NewContext();
        Assert.Equal(1, await db.Timeline.CountAsync(e => e.InstanceId == started.InstanceId && e.Type == TimelineEventTypes.TaskCompleted, Ct));
    }

    [Fact]
    public async Task Concurrent_completions_on_parallel_branches_both_apply_and_neither_state_is_lost()
    {
        await PublishAsync("timers", TestBpmn.ParallelWithTimers());
        var started = await NewRuntime().StartAsync(District, "timers", null, null, Ct);
        var branches = await TasksAsync(started.InstanceId);
        var rendezvous = new FirstQueryRendezvous(parties: 2);

        // Each completion closes only its own rows, so only the instance revision can tell the later one its state is stale.
        await Task.WhenAll(branches.Select(task => Task.Run(
            () => NewRuntime(NewContext(rendezvous)).CompleteTaskAsync(started.InstanceId, task.TaskId, null, null, Ct), Ct)));

        var instance = await InstanceAsync(started.InstanceId);
        Assert.Equal((3, InstanceStatus.Completed), (instance.Revision, instance.Status));
        Assert.All(await TasksAsync(started.InstanceId), t => Assert.Equal(WorkTaskStatus.Completed, t.Status));
        await using var db = NewContext();
        Assert.Equal(2, await db.Timeline.CountAsync(e => e.InstanceId == started.InstanceId && e.Type == TimelineEventTypes.TaskCompleted, Ct));
    }
}

public sealed class PostgresConcurrencyTests(PostgresFixture fixture) : ConcurrencyTests<PostgresFixture>(fixture);

public sealed class SqliteConcurrencyTests(SqliteFixture fixture) : ConcurrencyTests<SqliteFixture>(fixture);

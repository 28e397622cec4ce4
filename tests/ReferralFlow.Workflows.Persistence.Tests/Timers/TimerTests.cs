using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

namespace ReferralFlow.Workflows.Persistence.Tests.Timers;

public abstract class TimerTests<TFixture>(TFixture fixture) : StoreTest<TFixture>(fixture)
    where TFixture : IDatabaseFixture
{
    [Fact]
    public async Task Pending_timers_due_by_now_are_found_in_due_order()
    {
        await PublishAsync("timers", TestBpmn.ParallelWithTimers());
        var first = await NewRuntime().StartAsync(District, "timers", null, null, Ct);
        Clock.Advance(TimeSpan.FromMinutes(30));
        var second = await NewRuntime().StartAsync(District, "timers", null, null, Ct);

        Assert.Empty(await DueTimersAsync(T0.AddMinutes(59)));
        Assert.Equal([(first.InstanceId, "clean_late")], (await DueTimersAsync(T0.AddHours(1))).Select(t => (t.InstanceId, t.NodeId)));
        var all = await DueTimersAsync(T0.AddHours(4));
        Assert.Equal(
            [(first.InstanceId, "clean_late"), (second.InstanceId, "clean_late"), (first.InstanceId, "repair_reminder"), (second.InstanceId, "repair_reminder")],
            all.Select(t => (t.InstanceId, t.NodeId)));
        Assert.Equal([T0.AddHours(1), T0.AddHours(1.5), T0.AddHours(3), T0.AddHours(3.5)], all.Select(t => t.DueAt));
    }

    [Fact]
    public async Task Firing_an_interrupting_timer_cancels_its_task_and_opens_the_escalation_task()
    {
        await PublishAsync("timers", TestBpmn.ParallelWithTimers());
        var started = await NewRuntime().StartAsync(District, "timers", null, null, Ct);
        Clock.Advance(TimeSpan.FromHours(1));
        var due = Assert.Single(await DueTimersAsync(Clock.GetUtcNow()));

        var fired = await NewRuntime().FireTimerAsync(due.Id, cancellationToken: Ct);

        Assert.Contains(fired.Effects, e => e is TaskCancelled { NodeId: "clean" });
        await using var db = NewContext();
        var timer = await db.Timers.AsNoTracking().SingleAsync(t => t.Id == due.Id, Ct);
        Assert.Equal((TimerStatus.Fired, (DateTimeOffset?)T0.AddHours(1)), (timer.Status, timer.ClosedAt));
        var tasks = (await TasksAsync(started.InstanceId)).ToDictionary(t => t.NodeId, t => t.Status);
        Assert.Equal(WorkTaskStatus.Cancelled, tasks["clean"]);
        Assert.Equal(WorkTaskStatus.Open, tasks["repair"]);
        Assert.Equal(WorkTaskStatus.Open, tasks["supervisor"]);
        Assert.Contains(TimelineEventTypes.TimerFired, await TimelineTypesAsync(started.InstanceId));
        var again = await Assert.ThrowsAsync<WorkflowCommandException>(() => NewRuntime().FireTimerAsync(due.Id, cancellationToken: Ct));
        Assert.Equal(WorkflowCommandError.TimerNotPending, again.Error);
    }

    [Fact]
    public async Task A_timer_is_not_fired_before_it_is_due_unless_forced()
    {
        await PublishAsync("timers", TestBpmn.ParallelWithTimers());
        var started = await NewRuntime().StartAsync(District, "timers", null, null, Ct);
        await using var db = NewContext();
        var reminder = await db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == started.InstanceId && t.NodeId == "repair_reminder", Ct);

        await Assert.ThrowsAsync<WorkflowCommandException>(() => NewRuntime().FireTimerAsync(reminder.Id, cancellationToken: Ct));
        await NewRuntime().FireTimerAsync(reminder.Id, evenIfNotDue: true, Ct);

        var open = (await TasksAsync(started.InstanceId)).Where(t => t.Status == WorkTaskStatus.Open).Select(t => t.NodeId).Order(StringComparer.Ordinal);
        Assert.Equal(["clean", "remind", "repair"], open);
    }

    [Fact]
    public async Task Completing_a_task_in_time_cancels_its_timer_row()
    {
        await PublishAsync("timers", TestBpmn.ParallelWithTimers());
        var started = await NewRuntime().StartAsync(District, "timers", null, null, Ct);
        var clean = (await TasksAsync(started.InstanceId)).Single(t => t.NodeId == "clean");

        await NewRuntime().CompleteTaskAsync(started.InstanceId, clean.TaskId, null, null, Ct);

        await using var db = NewContext();
        var statuses = await db.Timers.AsNoTracking().Where(t => t.InstanceId == started.InstanceId)
            .OrderBy(t => t.DueAt).Select(t => t.Status).ToListAsync(Ct);
        Assert.Equal([TimerStatus.Cancelled, TimerStatus.Pending], statuses);
        Assert.Single(await DueTimersAsync(T0.AddDays(1)));
    }

    // The scheduler's sweep query, exactly as a host would run it.
    private async Task<List<TimerRecord>> DueTimersAsync(DateTimeOffset now)
    {
        await using var db = NewContext();
        return await db.Timers.AsNoTracking()
            .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now)
            .OrderBy(t => t.DueAt)
            .ToListAsync(Ct);
    }
}

public sealed class PostgresTimerTests(PostgresFixture fixture) : TimerTests<PostgresFixture>(fixture);

public sealed class SqliteTimerTests(SqliteFixture fixture) : TimerTests<SqliteFixture>(fixture);

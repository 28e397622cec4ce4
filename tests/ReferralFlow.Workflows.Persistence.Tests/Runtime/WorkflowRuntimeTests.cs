using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Escalation;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

namespace ReferralFlow.Workflows.Persistence.Tests.Runtime;

public abstract class WorkflowRuntimeTests<TFixture>(TFixture fixture) : StoreTest<TFixture>(fixture)
    where TFixture : IDatabaseFixture
{
    [Fact]
    public async Task Start_writes_the_instance_and_an_open_task_row_with_role_due_and_escalation()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());

        var started = await NewRuntime().StartAsync(District, "referral", "R-2026-001", new Dictionary<string, object?> { ["householdSize"] = 2 }, Ct);

        var instance = await InstanceAsync(started.InstanceId);
        Assert.Equal((InstanceStatus.Running, 1, "R-2026-001", (DateTimeOffset?)null), (instance.Status, instance.Revision, instance.BusinessKey, instance.EndedAt));
        Assert.Equal(1, started.Revision);
        var task = Assert.Single(await TasksAsync(started.InstanceId));
        Assert.Equal(("visit", "합동 방문", "dong", WorkTaskStatus.Open), (task.NodeId, task.Name, task.RoleKey, task.Status));
        Assert.Equal(T0.AddDays(3), task.DueAt);
        Assert.Equal("standard", task.EscalationPolicy);
        Assert.Equal(T0, task.CreatedAt);
        Assert.Equal(2m, (await NewRuntime().GetStateAsync(started.InstanceId, Ct)).Variables["householdSize"]);
        Assert.Equal([TimelineEventTypes.InstanceStarted, TimelineEventTypes.TaskCreated], await TimelineTypesAsync(started.InstanceId));
    }

    [Fact]
    public async Task Completing_a_task_records_the_outcome_opens_the_next_task_and_appends_the_timeline_in_order()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(District, "referral", null, null, Ct);
        var visit = Assert.Single(await TasksAsync(started.InstanceId));
        Clock.Advance(TimeSpan.FromDays(1));

        var outcome = new Dictionary<string, object?> { ["visitDate"] = "2026-03-03", ["hoarding"] = true };
        var completed = await NewRuntime().CompleteTaskAsync(started.InstanceId, visit.TaskId, outcome, expectedRevision: 1, Ct);

        Assert.Equal(2, completed.Revision);
        var tasks = await TasksAsync(started.InstanceId);
        Assert.Equal([("visit", WorkTaskStatus.Completed), ("assess", WorkTaskStatus.Open)], tasks.Select(t => (t.NodeId, t.Status)));
        Assert.Equal(T0.AddDays(1), tasks[0].CompletedAt);
        Assert.Equal(outcome, VariableJson.FromJson(tasks[0].OutcomeJson!));
        Assert.Equal(("welfare-center", T0.AddDays(11)), (tasks[1].RoleKey, tasks[1].DueAt));
        Assert.Equal(
            [TimelineEventTypes.InstanceStarted, TimelineEventTypes.TaskCreated, TimelineEventTypes.TaskCompleted, TimelineEventTypes.TaskCreated],
            await TimelineTypesAsync(started.InstanceId));
        await using var db = NewContext();
        var completedEvent = await db.Timeline.AsNoTracking().SingleAsync(e => e.Type == TimelineEventTypes.TaskCompleted, Ct);
        Assert.Equal((visit.TaskId, "visit"), (completedEvent.TaskId, completedEvent.NodeId));
        Assert.True(JsonDocument.Parse(completedEvent.DataJson!).RootElement.GetProperty("outcome").GetProperty("hoarding").GetBoolean());
    }

    [Fact]
    public async Task Task_rows_are_routed_to_the_agency_of_their_role_and_the_timeline_records_the_actor()
    {
        var version = await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var roleAgencies = new Dictionary<string, string> { ["dong"] = "nangok-dong", ["welfare-center"] = "sillim-welfare" };
        var runtime = new WorkflowRuntime(NewContext(), Cache, Clock, new FixedActor("user-7"));

        var started = await runtime.StartAsync(version.Id, "R-1", null, roleAgencies, Ct);
        var visit = Assert.Single(await TasksAsync(started.InstanceId));
        await runtime.CompleteTaskAsync(started.InstanceId, visit.TaskId, null, null, Ct);

        var tasks = await TasksAsync(started.InstanceId);
        Assert.Equal(["nangok-dong", "sillim-welfare"], tasks.Select(t => t.AgencyId));
        await using var db = NewContext();
        Assert.All(await db.Timeline.AsNoTracking().Where(e => e.InstanceId == started.InstanceId).ToListAsync(Ct), e => Assert.Equal("user-7", e.Actor));
    }

    private sealed record FixedActor(string? Actor) : IWorkflowActor;

    [Fact]
    public async Task Escalation_levels_are_written_with_the_task_that_needs_them()
    {
        var version = await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var runtime = new WorkflowRuntime(NewContext(), Cache, Clock, escalations: new TwoLevels());

        var started = await runtime.StartAsync(version.Id, "R-1", null, null, Ct);

        var task = Assert.Single(await TasksAsync(started.InstanceId));
        await using var db = NewContext();
        var levels = await db.Escalations.AsNoTracking().Where(e => e.TaskRowId == task.Id).OrderBy(e => e.Level).ToListAsync(Ct);
        Assert.Equal([(1, T0.AddDays(3)), (2, T0.AddDays(4))], levels.Select(l => (l.Level, l.DueAt)));
        Assert.All(levels, l => Assert.Equal((EscalationStatus.Pending, "standard"), (l.Status, l.Policy)));
        var due = await db.Escalations.AsNoTracking()
            .Where(e => e.Status == EscalationStatus.Pending && e.DueAt <= T0.AddDays(3)).OrderBy(e => e.DueAt).ToListAsync(Ct);
        Assert.Single(due);
    }

    [Fact]
    public async Task A_working_day_deadline_counts_the_planners_calendar()
    {
        var xml = TestBpmn.VisitThenAssess().Replace("rf:due=\"P3D\"", "rf:due=\"P3D\" rf:dueCalendar=\"working\"", StringComparison.Ordinal);
        var version = await PublishAsync("referral", xml);
        var holidayTuesday = new TwoLevels { Calendar = new WorkingCalendar([new DateOnly(2026, 3, 3)], TimeSpan.FromHours(9)) };

        var started = await new WorkflowRuntime(NewContext(), Cache, Clock, escalations: holidayTuesday).StartAsync(version.Id, "R-1", null, null, Ct);

        // Monday 09:00 KST + 3 working days, Tuesday a holiday: Wednesday, Thursday, Friday 09:00 KST.
        Assert.Equal(T0.AddDays(4), Assert.Single(await TasksAsync(started.InstanceId)).DueAt);
    }

    [Fact]
    public async Task A_deadline_is_planned_with_the_calendar_of_the_district_that_owns_the_workflow_not_the_callers()
    {
        var xml = TestBpmn.VisitThenAssess().Replace("rf:due=\"P3D\"", "rf:due=\"P3D\" rf:dueCalendar=\"working\"", StringComparison.Ordinal);
        var version = await PublishAsync("referral", xml);
        var planner = new ByDistrict(District, new TwoLevels { Calendar = new WorkingCalendar([new DateOnly(2026, 3, 3)], TimeSpan.FromHours(9)) });

        var started = await new WorkflowRuntime(NewContext(), Cache, Clock, escalations: planner).StartAsync(version.Id, "R-1", null, null, Ct);

        Assert.Equal([District], planner.Asked);
        Assert.Equal(T0.AddDays(4), Assert.Single(await TasksAsync(started.InstanceId)).DueAt);
    }

    /// <summary>Plans without holidays unless asked for <paramref name="district"/>, whose planner has its own.</summary>
    private sealed class ByDistrict(string district, IEscalationPlanner own) : IEscalationPlanner
    {
        public List<string> Asked { get; } = [];

        public string? DefaultPolicy => null;

        public IReadOnlyList<(int Level, DateTimeOffset DueAt)> Plan(string policy, DateTimeOffset dueAt) => [];

        public IEscalationPlanner ForDistrict(string name)
        {
            Asked.Add(name);
            return name == district ? own : this;
        }
    }

    private sealed class TwoLevels : IEscalationPlanner
    {
        public string? DefaultPolicy => null;

        public WorkingCalendar Calendar { get; init; } = WorkingCalendar.KoreaWithoutHolidays;

        public IReadOnlyList<(int Level, DateTimeOffset DueAt)> Plan(string policy, DateTimeOffset dueAt) => [(1, dueAt), (2, dueAt.AddDays(1))];
    }

    [Fact]
    public async Task Completing_the_last_task_marks_the_instance_ended()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var runtime = NewRuntime();
        var started = await runtime.StartAsync(District, "referral", null, null, Ct);
        await runtime.CompleteTaskAsync(started.InstanceId, (await TasksAsync(started.InstanceId))[0].TaskId, null, null, Ct);
        Clock.Advance(TimeSpan.FromHours(5));

        var last = await runtime.CompleteTaskAsync(started.InstanceId, (await TasksAsync(started.InstanceId))[1].TaskId, null, null, Ct);

        Assert.Equal(InstanceStatus.Completed, last.Status);
        var instance = await InstanceAsync(started.InstanceId);
        Assert.Equal((InstanceStatus.Completed, 3, (DateTimeOffset?)T0.AddHours(5)), (instance.Status, instance.Revision, instance.EndedAt));
        Assert.All(await TasksAsync(started.InstanceId), t => Assert.Equal(WorkTaskStatus.Completed, t.Status));
        Assert.Equal(TimelineEventTypes.InstanceCompleted, (await TimelineTypesAsync(started.InstanceId))[^1]);
    }

    [Fact]
    public async Task A_stale_expected_revision_is_a_conflict_and_writes_nothing()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(District, "referral", null, null, Ct);
        var visit = Assert.Single(await TasksAsync(started.InstanceId));

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => NewRuntime().CompleteTaskAsync(started.InstanceId, visit.TaskId, null, expectedRevision: 7, Ct));

        Assert.Equal(1, conflict.CurrentRevision);
        Assert.Equal(WorkTaskStatus.Open, Assert.Single(await TasksAsync(started.InstanceId)).Status);
        Assert.Equal(1, (await InstanceAsync(started.InstanceId)).Revision);
    }

    [Fact]
    public async Task Completing_a_task_that_is_no_longer_open_propagates_the_command_error()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var runtime = NewRuntime();
        var started = await runtime.StartAsync(District, "referral", null, null, Ct);
        var visit = Assert.Single(await TasksAsync(started.InstanceId));
        await runtime.CompleteTaskAsync(started.InstanceId, visit.TaskId, null, null, Ct);

        var error = await Assert.ThrowsAsync<WorkflowCommandException>(() => runtime.CompleteTaskAsync(started.InstanceId, visit.TaskId, null, null, Ct));

        Assert.Equal(WorkflowCommandError.TaskNotOpen, error.Error);
        Assert.Equal(2, (await InstanceAsync(started.InstanceId)).Revision);
    }

    [Fact]
    public async Task Completing_a_task_whose_row_is_gone_fails_and_writes_nothing()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(District, "referral", null, null, Ct);
        var visit = Assert.Single(await TasksAsync(started.InstanceId));
        var timeline = await TimelineTypesAsync(started.InstanceId);
        await using (var db = NewContext())
        {
            await db.Tasks.Where(t => t.Id == visit.Id).ExecuteDeleteAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NewRuntime().CompleteTaskAsync(started.InstanceId, visit.TaskId, null, null, Ct));

        Assert.Contains("no row for", error.Message, StringComparison.Ordinal);
        Assert.Contains($"task {visit.TaskId}", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await InstanceAsync(started.InstanceId)).Revision);
        Assert.Empty(await TasksAsync(started.InstanceId));
        Assert.Equal(timeline, await TimelineTypesAsync(started.InstanceId));
    }

    [Fact]
    public async Task A_row_the_database_refuses_fails_the_command_and_writes_none_of_its_rows()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(District, "referral", null, null, Ct);
        var visit = Assert.Single(await TasksAsync(started.InstanceId));
        var timeline = await TimelineTypesAsync(started.InstanceId);
        // Rows already holding every task id the next step could take: its insert breaks the (instance, task id) key.
        await using (var db = NewContext())
        {
            db.Tasks.AddRange(Enumerable.Range(visit.TaskId + 1, 10).Select(id => new WorkTaskRecord
            {
                Id = Guid.NewGuid(),
                InstanceId = started.InstanceId,
                TaskId = id,
                NodeId = "planted",
                Name = "planted",
                Status = WorkTaskStatus.Cancelled,
                Revision = 1,
            }));
            await db.SaveChangesAsync(Ct);
        }

        await Assert.ThrowsAsync<DbUpdateException>(() => NewRuntime().CompleteTaskAsync(started.InstanceId, visit.TaskId, null, null, Ct));

        Assert.Equal(1, (await InstanceAsync(started.InstanceId)).Revision);
        Assert.Equal(WorkTaskStatus.Open, (await TasksAsync(started.InstanceId)).Single(t => t.Id == visit.Id).Status);
        Assert.Equal(timeline, await TimelineTypesAsync(started.InstanceId));
    }

    [Fact]
    public async Task Cancelling_cancels_open_tasks_and_ends_the_instance()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(District, "referral", null, null, Ct);

        var cancelled = await NewRuntime().CancelAsync(started.InstanceId, "household moved away", expectedRevision: 1, Ct);

        Assert.Equal(InstanceStatus.Cancelled, cancelled.Status);
        var task = Assert.Single(await TasksAsync(started.InstanceId));
        Assert.Equal((WorkTaskStatus.Cancelled, (DateTimeOffset?)T0), (task.Status, task.CompletedAt));
        Assert.NotNull((await InstanceAsync(started.InstanceId)).EndedAt);
        Assert.Contains(TimelineEventTypes.InstanceCancelled, await TimelineTypesAsync(started.InstanceId));
    }

    [Fact]
    public async Task Moving_a_token_cancels_its_task_and_opens_the_target()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(District, "referral", null, null, Ct);
        var visit = Assert.Single(await TasksAsync(started.InstanceId));

        await NewRuntime().MoveTokenAsync(started.InstanceId, visit.TaskId, "assess", "visit done by phone", expectedRevision: null, Ct);

        Assert.Equal([("visit", WorkTaskStatus.Cancelled), ("assess", WorkTaskStatus.Open)], (await TasksAsync(started.InstanceId)).Select(t => (t.NodeId, t.Status)));
        Assert.Contains(TimelineEventTypes.TokenMoved, await TimelineTypesAsync(started.InstanceId));
    }

    [Fact]
    public async Task A_send_task_writes_one_outbox_row()
    {
        await PublishAsync("notify", TestBpmn.NotifyThenVisit());

        var started = await NewRuntime().StartAsync(District, "notify", null, null, Ct);

        await using var db = NewContext();
        var message = Assert.Single(await db.Outbox.AsNoTracking().ToListAsync(Ct));
        Assert.Equal((started.InstanceId, "notify", "email", "role:benefits", "referral-received"), (message.InstanceId, message.NodeId, message.Type, message.To, message.Template));
        Assert.Equal(((DateTimeOffset?)null, 0, T0), (message.SentAt, message.Attempts, message.CreatedAt));
        Assert.StartsWith($"{started.InstanceId:N}:notify:", message.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal("visit", Assert.Single(await TasksAsync(started.InstanceId)).NodeId);
    }

    [Fact]
    public async Task The_runtime_applies_its_limits_and_a_runaway_loop_waits_for_repair_with_an_incident()
    {
        await PublishAsync("review-loop", TestBpmn.ReviewLoop());
        var limits = new ExecutionLimits { MaxLoopIterations = 3 };
        var started = await new WorkflowRuntime(NewContext(), Cache, Clock, limits: limits).StartAsync(District, "review-loop", null, null, Ct);

        for (var pass = 0; pass < 3; pass++)
        {
            var open = (await TasksAsync(started.InstanceId)).Single(t => t.Status == WorkTaskStatus.Open);
            await new WorkflowRuntime(NewContext(), Cache, Clock, limits: limits).CompleteTaskAsync(started.InstanceId, open.TaskId, null, null, Ct);
        }

        Assert.Equal(3, (await TasksAsync(started.InstanceId)).Count);
        Assert.DoesNotContain(await TasksAsync(started.InstanceId), t => t.Status == WorkTaskStatus.Open);
        var instance = await InstanceAsync(started.InstanceId);
        Assert.Equal(InstanceStatus.Running, instance.Status);
        Assert.Equal(TimelineEventTypes.Incident, (await TimelineTypesAsync(started.InstanceId)).Last());
    }
}

public sealed class PostgresWorkflowRuntimeTests(PostgresFixture fixture) : WorkflowRuntimeTests<PostgresFixture>(fixture);

public sealed class SqliteWorkflowRuntimeTests(SqliteFixture fixture) : WorkflowRuntimeTests<SqliteFixture>(fixture);

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

namespace ReferralFlow.Workflows.Persistence.Tests.Claims;

public abstract class EscalationClaimsTests<TFixture>(TFixture fixture) : StoreTest<TFixture>(fixture)
    where TFixture : IDatabaseFixture
{
    [Fact]
    public async Task Claim_takes_due_pending_levels_with_their_tasks_and_the_outcome_commits_with_the_caller()
    {
        var task = await StartWithEscalationsAsync(levels: 3, dueFirst: T0.AddMinutes(-90));
        await using var db = NewContext();
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            // Levels 1 and 2 are due (90 and 30 minutes ago), level 3 only in half an hour.
            var claimed = await new EscalationClaims(db).ClaimDueAsync(Clock.GetUtcNow(), batchSize: 10, Ct);
            Assert.Equal([1, 2], claimed.Select(c => c.Escalation.Level));
            Assert.All(claimed, c => Assert.Equal(task.Id, c.Task?.Id));
            EscalationClaims.Cancel(claimed[0], Clock.GetUtcNow());
            EscalationClaims.Escalate(claimed[1], Clock.GetUtcNow(), reofferToQueue: true);
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        }

        await using var check = NewContext();
        Assert.Equal(
            [(1, EscalationStatus.Cancelled), (2, EscalationStatus.Done), (3, EscalationStatus.Pending)],
            await check.Escalations.OrderBy(e => e.Level).Select(e => new ValueTuple<int, EscalationStatus>(e.Level, e.Status)).ToListAsync(Ct));
        var row = await check.Tasks.SingleAsync(t => t.Id == task.Id, Ct);
        Assert.Equal((2, task.Revision + 1, (string?)null), (row.EscalationLevel, row.Revision, row.Assignee));
    }

    [Fact]
    public async Task Claim_outside_a_transaction_is_refused()
    {
        await using var db = NewContext();
        await Assert.ThrowsAsync<InvalidOperationException>(() => new EscalationClaims(db).ClaimDueAsync(Clock.GetUtcNow(), 10, Ct));
    }

    protected async Task<WorkTaskRecord> StartWithEscalationsAsync(int levels, DateTimeOffset dueFirst)
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var started = await NewRuntime().StartAsync(District, "referral", null, null, Ct);
        var task = Assert.Single(await TasksAsync(started.InstanceId));
        await using var db = NewContext();
        for (var level = 1; level <= levels; level++)
        {
            db.Escalations.Add(new EscalationRecord
            {
                Id = Guid.CreateVersion7(),
                InstanceId = started.InstanceId,
                TaskRowId = task.Id,
                Level = level,
                Policy = "standard",
                DueAt = dueFirst.AddHours(level - 1),
            });
        }

        await db.SaveChangesAsync(Ct);
        return task;
    }
}

public sealed class PostgresEscalationClaimsTests(PostgresFixture fixture) : EscalationClaimsTests<PostgresFixture>(fixture)
{
    [Fact]
    public async Task Two_concurrent_claimers_never_get_the_same_level()
    {
        await StartWithEscalationsAsync(levels: 6, dueFirst: T0.AddDays(-1));
        await using var first = NewContext();
        await using var second = NewContext();
        await using var firstTransaction = await first.Database.BeginTransactionAsync(Ct);
        await using var secondTransaction = await second.Database.BeginTransactionAsync(Ct);

        // The first claimer still holds its rows when the second claims.
        var a = await new EscalationClaims(first).ClaimDueAsync(Clock.GetUtcNow(), batchSize: 4, Ct);
        var b = await new EscalationClaims(second).ClaimDueAsync(Clock.GetUtcNow(), batchSize: 4, Ct);

        Assert.Equal([1, 2, 3, 4], a.Select(c => c.Escalation.Level));
        Assert.Equal([5, 6], b.Select(c => c.Escalation.Level));
    }

    [Fact]
    public async Task A_task_changed_meanwhile_fails_only_its_save_and_the_batch_commits_after_a_reload()
    {
        var claimedByWorker = await StartWithEscalationsAsync(levels: 1, dueFirst: T0.AddDays(-1));
        var untouched = await StartWithEscalationsAsync(levels: 1, dueFirst: T0.AddDays(-1));
        var now = Clock.GetUtcNow();
        await using var db = NewContext();
        var claims = new EscalationClaims(db);
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            var claimed = await claims.ClaimDueAsync(now, batchSize: 10, Ct);
            await using (var worker = NewContext())
            {
                var row = await worker.Tasks.SingleAsync(t => t.Id == claimedByWorker.Id, Ct);
                row.Assignee = "worker";
                row.Revision++;
                await worker.SaveChangesAsync(Ct);
            }

            foreach (var level in claimed)
            {
                EscalationClaims.Escalate(level, now, reofferToQueue: false);
            }

            Assert.Equal([claimedByWorker.Id], await claims.TrySaveAsync(Ct));
            var again = await claims.ReloadAsync([.. claimed.Select(c => c.Escalation.Id)], Ct);
            Assert.Equal(2, again.Count);
            foreach (var level in again)
            {
                EscalationClaims.Escalate(level, now, reofferToQueue: false);
            }

            Assert.Empty(await claims.TrySaveAsync(Ct));
            await transaction.CommitAsync(Ct);
        }

        await using var check = NewContext();
        Assert.All(await check.Escalations.ToListAsync(Ct), e => Assert.Equal(EscalationStatus.Done, e.Status));
        var tasks = await check.Tasks.Where(t => t.Id == claimedByWorker.Id || t.Id == untouched.Id).ToDictionaryAsync(t => t.Id, Ct);
        Assert.Equal(("worker", 1), (tasks[claimedByWorker.Id].Assignee, tasks[claimedByWorker.Id].EscalationLevel));
        Assert.Equal(1, tasks[untouched.Id].EscalationLevel);
    }
}

public sealed class SqliteEscalationClaimsTests(SqliteFixture fixture) : EscalationClaimsTests<SqliteFixture>(fixture);

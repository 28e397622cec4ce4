using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

namespace ReferralFlow.Workflows.Persistence.Tests.Claims;

public abstract class TimerClaimsTests<TFixture>(TFixture fixture) : StoreTest<TFixture>(fixture)
    where TFixture : IDatabaseFixture
{
    [Fact]
    public async Task Claim_takes_the_oldest_due_timer_and_fires_it_in_the_same_transaction()
    {
        await PublishAsync("timers", TestBpmn.ParallelWithTimers());
        var started = await NewRuntime().StartAsync(District, "timers", null, null, Ct);
        Clock.Advance(TimeSpan.FromHours(4));
        await using var db = NewContext();
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            var timer = await new TimerClaims(db).ClaimNextDueAsync(Clock.GetUtcNow(), Ct);
            Assert.Equal("clean_late", timer?.NodeId);
            await NewRuntime(db).FireTimerAsync(timer!.Id, cancellationToken: Ct);
            await transaction.CommitAsync(Ct);
        }

        await using var check = NewContext();
        var statuses = await check.Timers.Where(t => t.InstanceId == started.InstanceId).ToDictionaryAsync(t => t.NodeId, t => t.Status, Ct);
        Assert.Equal(TimerStatus.Fired, statuses["clean_late"]);
        Assert.Equal(TimerStatus.Pending, statuses["repair_reminder"]);
    }

    [Fact]
    public async Task A_stale_timer_is_closed_and_no_longer_due()
    {
        await PublishAsync("timers", TestBpmn.ParallelWithTimers());
        await NewRuntime().StartAsync(District, "timers", null, null, Ct);
        Clock.Advance(TimeSpan.FromHours(1));
        await using var db = NewContext();
        var before = await new DueSchedule(db).NextAsync(Ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            var timer = await new TimerClaims(db).ClaimNextDueAsync(Clock.GetUtcNow(), Ct);
            Assert.Equal(1, await new TimerClaims(db).CloseStaleAsync(timer!.Id, Clock.GetUtcNow(), Ct));
            await transaction.CommitAsync(Ct);
        }

        var after = await new DueSchedule(db).NextAsync(Ct);
        Assert.Equal(T0.AddHours(1), before.Timers);
        Assert.Equal(T0.AddHours(3), after.Timers);
    }

    [Fact]
    public async Task Claim_outside_a_transaction_is_refused()
    {
        await using var db = NewContext();
        await Assert.ThrowsAsync<InvalidOperationException>(() => new TimerClaims(db).ClaimNextDueAsync(Clock.GetUtcNow(), Ct));
    }
}

public sealed class PostgresTimerClaimsTests(PostgresFixture fixture) : TimerClaimsTests<PostgresFixture>(fixture)
{
    [Fact]
    public async Task Two_concurrent_claimers_never_get_the_same_timer()
    {
        await PublishAsync("timers", TestBpmn.ParallelWithTimers());
        await NewRuntime().StartAsync(District, "timers", null, null, Ct);
        Clock.Advance(TimeSpan.FromHours(4));
        await using var first = NewContext();
        await using var second = NewContext();
        await using var firstTransaction = await first.Database.BeginTransactionAsync(Ct);
        await using var secondTransaction = await second.Database.BeginTransactionAsync(Ct);

        var a = await new TimerClaims(first).ClaimNextDueAsync(Clock.GetUtcNow(), Ct);
        var b = await new TimerClaims(second).ClaimNextDueAsync(Clock.GetUtcNow(), Ct);

        Assert.Equal(("clean_late", "repair_reminder"), (a?.NodeId, b?.NodeId));
    }
}

public sealed class SqliteTimerClaimsTests(SqliteFixture fixture) : TimerClaimsTests<SqliteFixture>(fixture);

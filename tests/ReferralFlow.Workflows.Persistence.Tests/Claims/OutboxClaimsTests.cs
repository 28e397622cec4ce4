using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

namespace ReferralFlow.Workflows.Persistence.Tests.Claims;

public abstract class OutboxClaimsTests<TFixture>(TFixture fixture) : StoreTest<TFixture>(fixture)
    where TFixture : IDatabaseFixture
{
    protected static readonly OutboxRetryPolicy Policy = new(BatchSize: 5, MaxAttempts: 2, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));

    [Fact]
    public async Task Claim_takes_due_pending_messages_oldest_first_and_moves_them_past_the_lease()
    {
        var instanceId = await StartInstanceAsync();
        await EnqueueAsync(instanceId, 7);

        var claimed = await new OutboxClaims(NewContext()).ClaimAsync(Clock.GetUtcNow(), Policy, Ct);

        Assert.Equal(5, claimed.Count);
        Assert.All(claimed, m => Assert.Equal(1, m.Attempts));
        Assert.Equal(claimed.OrderBy(m => m.NextAttemptAt).Select(m => m.Id), claimed.Select(m => m.Id));
        var stored = await MessagesAsync();
        Assert.Equal(5, stored.Count(m => m.NextAttemptAt == T0 + Policy.ClaimLease));
        Assert.Equal(2, (await new OutboxClaims(NewContext()).ClaimAsync(Clock.GetUtcNow(), Policy, Ct)).Count);
    }

    [Fact]
    public async Task An_outcome_recorded_after_the_claim_expired_changes_nothing()
    {
        var instanceId = await StartInstanceAsync();
        await EnqueueAsync(instanceId, 1);
        var first = Assert.Single(await new OutboxClaims(NewContext()).ClaimAsync(Clock.GetUtcNow(), Policy, Ct));
        Clock.Advance(Policy.ClaimLease + TimeSpan.FromSeconds(1));
        var second = Assert.Single(await new OutboxClaims(NewContext()).ClaimAsync(Clock.GetUtcNow(), Policy, Ct));

        Assert.False(await new OutboxClaims(NewContext()).RecordSentAsync(first, Clock.GetUtcNow(), Ct));
        var lost = await new OutboxClaims(NewContext()).RecordFailureAsync(first, Clock.GetUtcNow(), "late", permanent: true, Policy, Ct);
        Assert.Equal(OutboxFailureOutcome.ClaimLost, lost.Outcome);
        Assert.True(await new OutboxClaims(NewContext()).RecordSentAsync(second, Clock.GetUtcNow(), Ct));
        var message = Assert.Single(await MessagesAsync());
        Assert.Equal((OutboxStatus.Sent, 2), (message.Status, message.Attempts));
    }

    [Fact]
    public async Task Extend_keeps_a_claim_past_its_first_lease_and_never_a_claim_taken_over()
    {
        var instanceId = await StartInstanceAsync();
        await EnqueueAsync(instanceId, 2);
        var claimed = await new OutboxClaims(NewContext()).ClaimAsync(Clock.GetUtcNow(), Policy, Ct);

        Clock.Advance(Policy.ClaimLease / 2);
        Assert.Equal(2, await new OutboxClaims(NewContext()).ExtendAsync(claimed, Clock.GetUtcNow() + Policy.ClaimLease, Ct));
        Clock.Advance(Policy.ClaimLease * 3 / 4);
        Assert.Empty(await new OutboxClaims(NewContext()).ClaimAsync(Clock.GetUtcNow(), Policy, Ct));

        Clock.Advance(Policy.ClaimLease);
        var other = await new OutboxClaims(NewContext()).ClaimAsync(Clock.GetUtcNow(), Policy, Ct);
        Assert.Equal(2, other.Count);
        var otherUntil = Clock.GetUtcNow() + Policy.ClaimLease;
        Assert.Equal(0, await new OutboxClaims(NewContext()).ExtendAsync(claimed, otherUntil + Policy.ClaimLease, Ct));
        Assert.All(await MessagesAsync(), m => Assert.Equal((2, otherUntil), (m.Attempts, m.NextAttemptAt)));
    }

    [Fact]
    public async Task A_failure_backs_off_then_fails_for_good_when_attempts_are_used_up()
    {
        var instanceId = await StartInstanceAsync();
        await EnqueueAsync(instanceId, 1);
        var claims = new OutboxClaims(NewContext());

        var first = await claims.RecordFailureAsync(Assert.Single(await claims.ClaimAsync(Clock.GetUtcNow(), Policy, Ct)), Clock.GetUtcNow(), "down", false, Policy, Ct);
        Assert.Equal(new OutboxFailureRecorded(OutboxFailureOutcome.Retrying, TimeSpan.FromSeconds(10)), first);
        Assert.Empty(await claims.ClaimAsync(Clock.GetUtcNow(), Policy, Ct));
        Clock.Advance(TimeSpan.FromSeconds(10));
        var second = await claims.RecordFailureAsync(Assert.Single(await claims.ClaimAsync(Clock.GetUtcNow(), Policy, Ct)), Clock.GetUtcNow(), "down", false, Policy, Ct);

        Assert.Equal(OutboxFailureOutcome.Failed, second.Outcome);
        var message = Assert.Single(await MessagesAsync());
        Assert.Equal((OutboxStatus.Failed, 2, "down"), (message.Status, message.Attempts, message.LastError));
        Assert.Equal(OutboxStatus.Failed, await claims.RetryFailedAsync(message.Id, Clock.GetUtcNow(), Ct));
        Assert.Equal((OutboxStatus.Pending, 0), (await MessagesAsync()).Select(m => (m.Status, m.Attempts)).Single());
        Assert.Equal(OutboxStatus.Pending, await claims.RetryFailedAsync(message.Id, Clock.GetUtcNow(), Ct));
        Assert.Null(await claims.RetryFailedAsync(Guid.NewGuid(), Clock.GetUtcNow(), Ct));
    }

    [Fact]
    public async Task Release_gives_rows_back_as_they_were_before_the_claim()
    {
        var instanceId = await StartInstanceAsync();
        await EnqueueAsync(instanceId, 2);
        var before = await MessagesAsync();
        var claims = new OutboxClaims(NewContext());

        await claims.ReleaseAsync(await claims.ClaimAsync(Clock.GetUtcNow(), Policy, Ct), Ct);

        Assert.Equal(before.Select(m => (m.Id, m.Attempts, m.NextAttemptAt)), (await MessagesAsync()).Select(m => (m.Id, m.Attempts, m.NextAttemptAt)));
    }

    [Fact]
    public async Task A_platform_message_without_an_instance_is_stored_claimed_and_sent_like_any_other()
    {
        var db = NewContext();
        var journal = new WorkflowJournal(db);
        journal.EnqueuePlatformMessage(new PlatformMessageRequest("invitation", "account", "user:1", "invitation", "invitation:1", """{"invitationId":"1"}"""), T0);
        await journal.SaveAsync(Ct);
        var claims = new OutboxClaims(NewContext());

        var claimed = Assert.Single(await claims.ClaimAsync(Clock.GetUtcNow(), Policy, Ct));

        Assert.Null(claimed.InstanceId);
        Assert.Equal(("invitation", "account", "user:1"), (claimed.NodeId, claimed.Type, claimed.To));
        Assert.True(await claims.RecordSentAsync(claimed, Clock.GetUtcNow(), Ct));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await MessagesAsync()).Status);
    }

    protected async Task<Guid> StartInstanceAsync()
    {
        await PublishAsync("referral", TestBpmn.VisitThenAssess());
        return (await NewRuntime().StartAsync(District, "referral", null, null, Ct)).InstanceId;
    }

    protected async Task EnqueueAsync(Guid instanceId, int count, string keyPrefix = "key")
    {
        var db = NewContext();
        var journal = new WorkflowJournal(db);
        for (var i = 0; i < count; i++)
        {
            // Distinct request times give the rows a defined order.
            journal.EnqueueMessage(new OutboxMessageRequest(instanceId, "notify", "email", "agency:a", "t", $"{keyPrefix}-{i}"), T0.AddMilliseconds(-count + i));
        }

        await journal.SaveAsync(Ct);
    }

    protected async Task<List<OutboxMessageRecord>> MessagesAsync()
    {
        await using var db = NewContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync(Ct);
    }
}

public sealed class PostgresOutboxClaimsTests(PostgresFixture fixture) : OutboxClaimsTests<PostgresFixture>(fixture)
{
    [Fact]
    public async Task Two_concurrent_claimers_never_get_the_same_row()
    {
        var instanceId = await StartInstanceAsync();
        await EnqueueAsync(instanceId, 10);
        // Both claimers hold their selected rows locked until both have selected: the second must skip the first's rows.
        var rendezvous = new RendezvousInterceptor(parties: 2);

        var batches = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(
            () => new OutboxClaims(NewContext(rendezvous)).ClaimAsync(Clock.GetUtcNow(), Policy, Ct), Ct)));

        Assert.All(batches, b => Assert.Equal(5, b.Count));
        Assert.Equal(10, batches.SelectMany(b => b).Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task Rows_claimed_by_a_process_that_died_are_claimed_again_at_once_not_after_the_lease()
    {
        var instanceId = await StartInstanceAsync();
        await EnqueueAsync(instanceId, 2);
        var dying = new ClaimHolder();
        var session = await HoldAsync(dying);
        var claimed = await new OutboxClaims(NewContext(), dying).ClaimAsync(Clock.GetUtcNow(), Policy, Ct);
        Assert.All(await MessagesAsync(), m => Assert.Equal(dying.Key, m.ClaimedBy));

        Assert.Empty(await new OutboxClaims(NewContext(), new ClaimHolder()).ClaimAsync(Clock.GetUtcNow(), Policy, Ct));
        // kill -9 closes the socket; the server ends the session and its advisory lock with it.
        await EndAsync(session, dying);
        var again = await new OutboxClaims(NewContext(), new ClaimHolder()).ClaimAsync(Clock.GetUtcNow(), Policy, Ct);

        Assert.Equal(claimed.Select(m => m.Id).Order(), again.Select(m => m.Id).Order());
        Assert.All(again, m => Assert.Equal(2, m.Attempts));
        Assert.False(await new OutboxClaims(NewContext()).RecordSentAsync(claimed[0], Clock.GetUtcNow(), Ct));
    }

    [Fact]
    public async Task A_dead_holders_rows_are_claimed_before_rows_that_fell_due_after_they_were_claimed()
    {
        var instanceId = await StartInstanceAsync();
        await EnqueueAsync(instanceId, 2);
        var dying = new ClaimHolder();
        var session = await HoldAsync(dying);
        var pair = Policy with { BatchSize = 2 };
        var claimed = await new OutboxClaims(NewContext(), dying).ClaimAsync(Clock.GetUtcNow(), pair, Ct);
        Clock.Advance(TimeSpan.FromSeconds(5));
        await EnqueueAsync(instanceId, 3, "later");

        await EndAsync(session, dying);
        var again = await new OutboxClaims(NewContext(), new ClaimHolder()).ClaimAsync(Clock.GetUtcNow(), pair, Ct);

        // Their lease ends minutes from now, but they fell due before anything else that waits.
        Assert.Equal(claimed.Select(m => m.Id).Order(), again.Select(m => m.Id).Order());
    }

    [Fact]
    public async Task A_row_waiting_for_its_retry_is_not_taken_early_when_the_process_that_failed_it_dies()
    {
        var instanceId = await StartInstanceAsync();
        await EnqueueAsync(instanceId, 2);
        var dying = new ClaimHolder();
        var session = await HoldAsync(dying);
        var claims = new OutboxClaims(NewContext(), dying);
        var claimed = await claims.ClaimAsync(Clock.GetUtcNow(), Policy, Ct);
        await claims.RecordFailureAsync(claimed[0], Clock.GetUtcNow(), "refused", permanent: false, Policy, Ct);
        await claims.ReleaseAsync(claimed.Skip(1), Ct);

        await EndAsync(session, dying);
        var again = await new OutboxClaims(NewContext(), new ClaimHolder()).ClaimAsync(Clock.GetUtcNow(), Policy, Ct);

        Assert.Equal(claimed[1].Id, Assert.Single(again).Id);
        Assert.All(await MessagesAsync(), m => Assert.NotEqual(dying.Key, m.ClaimedBy));
    }

    // The backend drops its locks a moment after the client closes the socket, not before Close returns: wait for that,
    // as a surviving host's next claim would.
    private async Task EndAsync(NpgsqlConnection session, ClaimHolder holder)
    {
        await session.DisposeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var held = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = @key",
            connection);
        held.Parameters.AddWithValue("key", holder.Key);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while ((long)(await held.ExecuteScalarAsync(deadline.Token))! > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    // What PostgresDueListener does for a host: a session that holds the process's advisory lock while it lives.
    private async Task<NpgsqlConnection> HoldAsync(ClaimHolder holder)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
        take.Parameters.AddWithValue("key", holder.Key);
        await take.ExecuteNonQueryAsync(Ct);
        holder.SetHeld(true);
        return connection;
    }
}

public sealed class SqliteOutboxClaimsTests(SqliteFixture fixture) : OutboxClaimsTests<SqliteFixture>(fixture);

using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Escalation.EscalationScenario;

namespace ReferralFlow.Host.Tests.Features.Notifications;

/// <summary>
/// Each message's delivery is recorded on its own, outside any transaction: one bad message fails alone and never
/// makes the messages already sent go out again.
/// </summary>
public sealed class OutboxDispatcherTests(SmtpHostFixture host) : IClassFixture<SmtpHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_malformed_address_fails_its_message_alone_and_the_good_ones_go_out_exactly_once()
    {
        var referral = await TaskTestData.OpenReferralAsync(host);
        var now = host.Clock.GetUtcNow();
        var first = await AddAsync(referral.InstanceId, "first@example.org", now.AddSeconds(-3));
        var bad = await AddAsync(referral.InstanceId, "bad@@example.org", now.AddSeconds(-2));
        var second = await AddAsync(referral.InstanceId, "second@example.org", now.AddSeconds(-1));

        var errors = new List<Exception?>();
        for (var run = 0; run < 3; run++)
        {
            await using (var scope = host.Factory.Services.CreateAsyncScope())
            {
                errors.Add(await Record.ExceptionAsync(() => scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(Ct)));
            }

            // Past every back-off and claim lease, so a message left pending would be tried again.
            host.Clock.Advance(TimeSpan.FromMinutes(30));
        }

        await WaitUntilAsync(() => Sent(first) + Sent(second) >= 2, "both good messages");
        Assert.Equal((1, 1, 0), (Sent(first), Sent(second), Sent(bad)));
        var rows = (await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => m.InstanceId == referral.InstanceId))).ToDictionary(m => m.Id);
        Assert.Equal((OutboxStatus.Sent, 1), (rows[first].Status, rows[first].Attempts));
        Assert.Equal((OutboxStatus.Sent, 1), (rows[second].Status, rows[second].Attempts));
        Assert.Equal(OutboxStatus.Failed, rows[bad].Status);
        Assert.Contains("bad@@example.org", rows[bad].LastError, StringComparison.Ordinal);
        Assert.All(errors, Assert.Null);
    }

    [Fact]
    public async Task A_batch_claimed_by_a_process_that_died_is_sent_once_its_claim_expires()
    {
        var referral = await TaskTestData.OpenReferralAsync(host);
        var message = await AddAsync(referral.InstanceId, "orphan@example.org", host.Clock.GetUtcNow());
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            // The claim commits; the process "dies" before sending.
            Assert.Contains(await scope.ServiceProvider.GetRequiredService<OutboxClaims>().ClaimAsync(host.Clock.GetUtcNow(), new NotificationOptions().ToPolicy(), Ct), m => m.Id == message);
        }

        await RunAsync();
        Assert.Equal(0, Sent(message));

        host.Clock.Advance(new NotificationOptions().ClaimLease + TimeSpan.FromSeconds(1));
        await RunAsync();
        await WaitUntilAsync(() => Sent(message) == 1, "the orphaned message");
        var row = (await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => m.Id == message))).Single();
        Assert.Equal((OutboxStatus.Sent, 2), (row.Status, row.Attempts));
    }

    [Fact]
    public async Task A_batch_slower_than_its_claim_lease_keeps_its_claim_and_sends_each_message_once()
    {
        var referral = await TaskTestData.OpenReferralAsync(host);
        var options = new NotificationOptions();
        var messages = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            messages.Add(await AddAsync(referral.InstanceId, $"slow{i}@example.org", host.Clock.GetUtcNow()));
        }

        // Six messages a third of a lease each: the batch takes twice its lease, and another process tries to claim meanwhile.
        var taken = new List<Guid>();
        host.SlowNotices.Delay = (host.Clock, options.ClaimLease / 3);
        host.SlowNotices.During = async () =>
        {
            await using var other = host.Factory.Services.CreateAsyncScope();
            var claims = other.ServiceProvider.GetRequiredService<OutboxClaims>();
            var claimed = await claims.ClaimAsync(host.Clock.GetUtcNow(), options.ToPolicy(), Ct);
            taken.AddRange(claimed.Select(m => m.Id));
            await claims.ReleaseAsync(claimed, Ct);
        };
        try
        {
            await RunAsync();
        }
        finally
        {
            (host.SlowNotices.Delay, host.SlowNotices.During) = (null, null);
        }

        await WaitUntilAsync(() => messages.All(m => Sent(m) >= 1), "every slow message");
        Assert.All(messages, m => Assert.Equal(1, Sent(m)));
        Assert.DoesNotContain(taken, messages.Contains);
        var rows = await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => messages.Contains(m.Id)));
        Assert.All(rows, r => Assert.Equal((OutboxStatus.Sent, 1), (r.Status, r.Attempts)));
    }

    private async Task RunAsync()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(Ct);
    }

    private int Sent(Guid messageId) =>
        host.Smtp.ReceivedEmail.Count(m => m.Headers["Message-ID"]?.Contains($"{messageId:N}.", StringComparison.Ordinal) == true);

    private async Task<Guid> AddAsync(Guid instanceId, string to, DateTimeOffset due)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var id = Guid.CreateVersion7();
        db.Outbox.Add(new OutboxMessageRecord
        {
            Id = id,
            InstanceId = instanceId,
            NodeId = "notice",
            Type = "email",
            To = to,
            Template = "notice",
            IdempotencyKey = $"test:{id:N}",
            CreatedAt = due,
            NextAttemptAt = due,
        });
        await db.SaveChangesAsync(Ct);
        return id;
    }
}

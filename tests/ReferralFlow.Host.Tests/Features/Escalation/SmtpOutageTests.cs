using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Escalation.EscalationScenario;

namespace ReferralFlow.Host.Tests.Features.Escalation;

[Collection(JobsCollection.Name)]
public sealed class SmtpOutageTests(JobsHostFixture host) : IClassFixture<JobsHostFixture>
{
    [Fact]
    public async Task While_smtp_is_down_the_outbox_keeps_the_messages_and_sends_them_when_it_returns()
    {
        host.Smtp.Stop();
        var referrals = new List<(string Number, Guid InstanceId)>();
        for (var i = 0; i < 3; i++)
        {
            referrals.Add(await OpenAsync(host.Factory.Services, host.Clock.GetUtcNow()));
        }

        var instanceIds = referrals.Select(r => r.InstanceId).ToList();
        // The step alerts written at opening meet the closed server first: the breaker opens on one of them, and the run
        // gives back the rest of its claim (row by row: wait for that, as a claim made now would expire in the hour below).
        await WaitUntilAsync(async () => (await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => instanceIds.Contains(m.InstanceId!.Value) && m.LastError != null))).Count > 0,
            "a failed delivery attempt");
        await WaitUntilAsync(async () => (await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => instanceIds.Contains(m.InstanceId!.Value) && m.Attempts > 0 && m.LastError == null))).Count == 0,
            "the claimed rows given back");
        host.Clock.Advance(TimeSpan.FromHours(1));
        await WaitUntilAsync(async () => (await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => instanceIds.Contains(m.InstanceId!.Value) && m.Template == "escalation"))).Count == 3,
            "the level-1 message of each referral");
        // The breaker is open: the mail check says so, and only its probes (connections, no message) are tried while the
        // server is down.
        var health = await host.Anonymous().GetStringAsync("/health", TestContext.Current.CancellationToken);
        Assert.Contains("\"mail\":\"Degraded\"", health, StringComparison.Ordinal);
        var rows = await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => instanceIds.Contains(m.InstanceId!.Value)));
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Pending, r.Status));
        Assert.InRange(rows.Sum(r => r.Attempts), 1, 2);

        var restarted = host.RestartSmtp();
        // Past the breaker's next probe, short of the next escalation level.
        host.Clock.Advance(TimeSpan.FromSeconds(5));

        await WaitUntilAsync(() => referrals.All(r => MessagesAbout(restarted, r.Number).Count == 1), "delivery of the backlog after the server returned");
        // The SMTP server has the mail a moment before the row is marked sent: wait for that, don't assume it.
        await WaitUntilAsync(async () => (await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => instanceIds.Contains(m.InstanceId!.Value) && m.Status != OutboxStatus.Sent))).Count == 0,
            "the backlog marked sent");
        var sent = await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => instanceIds.Contains(m.InstanceId!.Value)));
        Assert.All(sent, m => Assert.InRange(m.Attempts, 1, 2));
        Assert.InRange(sent.Sum(m => m.Attempts), sent.Count + 1, sent.Count + 2);
        Assert.Contains("\"mail\":\"Healthy\"", await host.Anonymous().GetStringAsync("/health", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    // Runs before or after the outage test (xunit orders by a hash that differs between machines): that test leaves
    // the server up and the breaker closed.
    [Fact]
    public async Task A_message_without_a_mailbox_fails_for_good_and_is_listed_for_operators()
    {
        var (_, instanceId) = await OpenAsync(host.Factory.Services, host.Clock.GetUtcNow());
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            db.Outbox.Add(new OutboxMessageRecord
            {
                Id = Guid.CreateVersion7(),
                InstanceId = instanceId,
                NodeId = "visit",
                Type = "email",
                To = $"user:{Guid.NewGuid()}",
                Template = "email",
                IdempotencyKey = $"test:{Guid.NewGuid():N}",
                CreatedAt = host.Clock.GetUtcNow(),
                NextAttemptAt = host.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await WaitUntilAsync(async () => (await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => m.InstanceId == instanceId && m.Status == OutboxStatus.Failed))).Count == 1,
            "the message marked failed");
        var admin = await host.SignInAsync("gwanak-hub.admin");
        var failed = await admin.GetAllItemsAsync("/api/outbox?status=failed");
        var row = Assert.Single(failed!, f => f.GetProperty("instanceId").GetGuid() == instanceId);
        Assert.Contains("No mailbox", row.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var worker = await host.SignInAsync("nangok-dong.worker");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await worker.GetAsync("/api/outbox", TestContext.Current.CancellationToken)).StatusCode);
    }
}

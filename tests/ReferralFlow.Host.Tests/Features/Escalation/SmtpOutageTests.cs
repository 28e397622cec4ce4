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
        var port = host.Smtp.Configuration.Port;
        host.Smtp.Stop();
        var (number, instanceId) = await OpenAsync(host.Factory.Services, host.Clock.GetUtcNow());

        host.Clock.Advance(TimeSpan.FromHours(1));
        await WaitUntilAsync(async () => (await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => m.InstanceId == instanceId && m.Template == "escalation" && m.LastError != null))).Count > 0,
            "a failed delivery attempt");
        var rows = await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => m.InstanceId == instanceId && m.Template == "escalation"));
        Assert.True(rows.Count == 1, string.Join("\n", rows.Select(r => $"{r.IdempotencyKey} {r.To} {r.Status} {r.Attempts}")));
        var pending = rows[0];
        Assert.Equal(OutboxStatus.Pending, pending.Status);
        Assert.NotNull(pending.LastError);

        using var restarted = netDumbster.smtp.Configuration.Configure().WithAddress(System.Net.IPAddress.Loopback).WithPort(port).Build();
        // Back-off moved the next attempt a second forward in (fake) time; let that pass, short of the next level.
        host.Clock.Advance(TimeSpan.FromSeconds(5));

        await WaitUntilAsync(() => MessagesAbout(restarted, number).Count == 1, "delivery after the server returned");
        var sent = (await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => m.InstanceId == instanceId && m.Template == "escalation"))).Single();
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.True(sent.Attempts >= 2);
    }

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

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Escalation.EscalationScenario;

namespace ReferralFlow.Host.Tests.Features.Alerts;

/// <summary>
/// Two hosts can claim different alerts of one recipient in the same minute (each skips the rows the other locked); both
/// then queue that recipient's mail under the same key. Seen in the two-host benchmark as a failed job: the whole run
/// rolled back for one recipient.
/// </summary>
public sealed class AlertMailerRaceTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Recipient = "mailbox:nangok-dong";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recipient_another_host_mailed_meanwhile_waits_for_the_next_minute_alone()
    {
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await ReferralScenario.OpenAsync(await host.SignInAsync("nangok-dong.worker"));
        await CopyAlertsForAsync("mailbox:sillim-welfare");
        var pending = await PendingRecipientsAsync();
        var waiting = pending.Count(r => r == Recipient);
        Assert.True(waiting > 0 && pending.Count > waiting, "the opening alerts this recipient and others");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var key = $"alerts:{Recipient}:{host.Clock.GetUtcNow():yyyyMMddHHmm}";

        // The other host has queued this recipient's mail for this minute and not yet committed.
        await using var otherScope = host.Factory.Services.CreateAsyncScope();
        var otherDb = otherScope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        await using var other = await otherDb.Database.BeginTransactionAsync(Ct);
        new WorkflowJournal(otherDb).EnqueuePlatformMessage(new PlatformMessageRequest("alert", "step-alert", Recipient, AlertMailer.Batch, key, "{}"), host.Clock.GetUtcNow());
        await otherDb.SaveChangesAsync(Ct);

        var run = Task.Run(RunMailerAsync, Ct);
        await WaitUntilAsync(async () => run.IsCompleted || await WaitingOnLockAsync(), "the mailer to wait for the other host's key");
        await other.CommitAsync(Ct);

        var handled = await run;
        Assert.Equal(pending.Count - waiting, handled);
        Assert.Equal(Enumerable.Repeat(Recipient, waiting), await PendingRecipientsAsync());

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(waiting, await RunMailerAsync());
        var next = $"alerts:{Recipient}:{host.Clock.GetUtcNow():yyyyMMddHHmm}";
        Assert.Single(await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => m.IdempotencyKey == next)));
    }

    private async Task<int> RunMailerAsync()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AlertMailer>().RunAsync(Ct);
    }

    private async Task<List<string>> PendingRecipientsAsync()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().PendingAlerts
            .Select(a => a.Recipient).ToListAsync(Ct);
    }

    // The same step announced to a second recipient, written in the same minute.
    private async Task CopyAlertsForAsync(string recipient)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        foreach (var alert in await db.PendingAlerts.AsNoTracking().Where(a => a.Recipient == Recipient).ToListAsync(Ct))
        {
            alert.Id = Guid.NewGuid();
            alert.Recipient = recipient;
            db.PendingAlerts.Add(alert);
        }

        await db.SaveChangesAsync(Ct);
    }

    private async Task<bool> WaitingOnLockAsync()
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))! > 0;
    }
}

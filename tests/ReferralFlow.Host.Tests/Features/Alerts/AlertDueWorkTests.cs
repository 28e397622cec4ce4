using System.Text;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Features.Escalation;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Escalation.EscalationScenario;

namespace ReferralFlow.Host.Tests.Features.Alerts;

/// <summary>
/// Alert mails on a real Hangfire server without a recurring job: the due-work scheduler sleeps until the end of the
/// oldest alert's minute (woken by the commit that wrote it), then the mailer sends each recipient one mail.
/// </summary>
[Collection(JobsCollection.Name)]
public sealed class AlertDueWorkTests(JobsHostFixture host) : IClassFixture<JobsHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_new_steps_in_one_minute_reach_the_agency_as_one_mail_at_the_minutes_end_without_any_recurring_job()
    {
        using (var connection = host.Factory.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            Assert.DoesNotContain(connection.GetRecurringJobs(), j => j.Id is "alerts:mail" or "digests:schedule");
        }

        // A minute of its own.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        string[] numbers =
        [
            (await ReferralScenario.OpenAsync(owner)).GetProperty("number").GetString()!,
            (await ReferralScenario.OpenAsync(owner)).GetProperty("number").GetString()!,
        ];
        var mailbox = "nangok-dong@" + DemoData.EmailDomain;
        Assert.True(await PendingForAsync("mailbox:nangok-dong") >= 2);

        host.Clock.Advance(TimeSpan.FromMinutes(1));

        await WaitUntilAsync(async () => await PendingForAsync("mailbox:nangok-dong") == 0 && Mails(mailbox, numbers).Count > 0, "the alert mail");
        await WaitUntilAsync(async () => (await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => m.Status == OutboxStatus.Pending))).Count == 0, "outbox drained");
        var mail = Assert.Single(Mails(mailbox, numbers));
        Assert.All(numbers, n => Assert.Contains(n, mail.TextBody, StringComparison.Ordinal));
        Assert.StartsWith("[ReferralFlow] 새 알림", mail.Subject, StringComparison.Ordinal);
    }

    private async Task<int> PendingForAsync(string recipient)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().PendingAlerts.CountAsync(a => a.Recipient == recipient, Ct);
    }

    private List<MimeMessage> Mails(string address, string[] numbers) =>
        [.. host.Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => m.To.Mailboxes.Any(b => b.Address == address) && numbers.Any(n => (m.TextBody ?? "").Contains(n, StringComparison.Ordinal)))];
}

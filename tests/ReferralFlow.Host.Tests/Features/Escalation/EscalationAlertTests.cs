using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Features.Escalation;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Tests.Features.Alerts;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Escalation.EscalationScenario;

namespace ReferralFlow.Host.Tests.Features.Escalation;

/// <summary>
/// Escalations in the bell and by email as each worker chose: every level reaches the bell of each active worker its
/// messages go to, once; a worker or shared mailbox that chose the app or the digest gets no escalation mail (the message
/// is recorded as not mailed, not failed) unless the district makes escalations mandatory.
/// </summary>
public sealed class EscalationAlertTests(EscalationAlertFixture host) : IClassFixture<EscalationAlertFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IServiceProvider Services => host.Factory.Services;

    [Fact]
    public async Task Each_level_reaches_the_bell_of_every_worker_it_concerns_once()
    {
        var (number, instanceId) = await OpenAsync(Services, host.Clock.GetUtcNow());
        var (worker, supervisor, hubWorker) = (await UserAsync("nangok-dong.worker"), await UserAsync("nangok-dong.supervisor"), await UserAsync("gwanak-hub.worker"));

        host.Clock.Advance(TimeSpan.FromHours(1));
        await SweepAsync();
        // Level 1 (the unclaimed step's queue): the agency's workers.
        Assert.Equal(1, await EntriesAsync(instanceId, worker));
        Assert.Equal(1, await EntriesAsync(instanceId, supervisor));
        Assert.Equal(0, await EntriesAsync(instanceId, hubWorker));

        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await SweepAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await SweepAsync();
        await SweepAsync();
        // Level 2 the supervisors, level 3 the case owner's workers and the hub's — each once, a second sweep adds nothing.
        Assert.Equal(2, await EntriesAsync(instanceId, worker));
        Assert.Equal(3, await EntriesAsync(instanceId, supervisor));
        Assert.Equal(1, await EntriesAsync(instanceId, hubWorker));

        var taskId = (await QueryAsync(Services, db => db.Tasks.Where(t => t.InstanceId == instanceId && t.NodeId == "visit").Select(t => t.Id))).Single();
        var hub = await host.SignInOnceAsync("gwanak-hub.worker");
        var hubEntry = Assert.Single(await BellAsync(hub), e => e.GetProperty("referralNumber").GetString() == number);
        Assert.Equal("escalation", hubEntry.GetProperty("kind").GetString());
        // The hub cannot open another agency's task: its entry opens the referral.
        Assert.StartsWith("/referrals/", hubEntry.GetProperty("link").GetString(), StringComparison.Ordinal);
        var own = await host.SignInOnceAsync("nangok-dong.worker");
        var ownEntries = (await BellAsync(own)).Where(e => e.GetProperty("referralNumber").GetString() == number).ToList();
        Assert.Equal(2, ownEntries.Count);
        Assert.All(ownEntries, e => Assert.Equal($"/tasks/{taskId}", e.GetProperty("link").GetString()));
        Assert.All(ownEntries.Append(hubEntry), e => Assert.DoesNotContain("테스트 가구", e.GetRawText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_worker_who_chose_the_app_for_escalations_gets_a_bell_entry_and_no_mail()
    {
        var worker = await UserAsync("nangok-dong.worker");
        await PreferAsync(AlertPreferences.UserOwner(worker), NotificationMode.AppOnly);
        try
        {
            var (number, instanceId) = await OpenClaimedAsync(worker);
            host.Clock.Advance(TimeSpan.FromHours(1));
            await SweepAsync();
            await DispatchAsync();

            var message = Assert.Single(await QueryAsync(Services, db => db.Outbox.Where(m => m.InstanceId == instanceId && m.Type == "escalation")));
            Assert.Equal(AlertPreferences.UserOwner(worker), message.To);
            // Not an error for operators: recorded as not mailed on purpose.
            Assert.Equal(OutboxStatus.NotMailed, message.Status);
            Assert.Empty(MessagesAbout(host.Smtp, number));
            Assert.Equal(1, await EntriesAsync(instanceId, worker));
        }
        finally
        {
            await PreferAsync(AlertPreferences.UserOwner(worker), null);
        }
    }

    [Fact]
    public async Task A_district_that_makes_escalations_mandatory_mails_the_worker_who_opted_out()
    {
        var worker = await UserAsync("nangok-dong.worker");
        await PreferAsync(AlertPreferences.UserOwner(worker), NotificationMode.Digest);
        await PreferAsync(AlertPreferences.DistrictOwner(DemoData.District), NotificationMode.Immediately);
        try
        {
            var (number, instanceId) = await OpenClaimedAsync(worker);
            host.Clock.Advance(TimeSpan.FromHours(1));
            await SweepAsync();
            await DispatchAsync();

            var mail = Assert.Single(MessagesAbout(host.Smtp, number));
            Assert.Equal(AlertScenario.Address("nangok-dong.worker"), Recipients(mail));
            Assert.DoesNotContain("테스트 가구", Text(mail), StringComparison.Ordinal);
            Assert.Equal(OutboxStatus.Sent, Assert.Single(await QueryAsync(Services, db => db.Outbox.Where(m => m.InstanceId == instanceId && m.Type == "escalation"))).Status);
        }
        finally
        {
            await PreferAsync(AlertPreferences.UserOwner(worker), null);
            await PreferAsync(AlertPreferences.DistrictOwner(DemoData.District), null);
        }
    }

    [Fact]
    public async Task A_shared_mailbox_that_chose_the_digest_gets_no_escalation_mail_and_the_workers_still_see_it()
    {
        await PreferAsync(AlertPreferences.MailboxOwner("nangok-dong"), NotificationMode.Digest);
        try
        {
            var (number, instanceId) = await OpenAsync(Services, host.Clock.GetUtcNow());
            host.Clock.Advance(TimeSpan.FromHours(1));
            await SweepAsync();
            await DispatchAsync();

            var message = Assert.Single(await QueryAsync(Services, db => db.Outbox.Where(m => m.InstanceId == instanceId && m.Type == "escalation")));
            Assert.Equal(OutboxStatus.NotMailed, message.Status);
            Assert.Empty(MessagesAbout(host.Smtp, number));
            Assert.Equal(1, await EntriesAsync(instanceId, await UserAsync("nangok-dong.worker2")));
        }
        finally
        {
            await PreferAsync(AlertPreferences.MailboxOwner("nangok-dong"), null);
        }
    }

    private async Task<(string Number, Guid InstanceId)> OpenClaimedAsync(Guid worker)
    {
        var opened = await OpenAsync(Services, host.Clock.GetUtcNow());
        await using var scope = Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var task = await workflow.Tasks.SingleAsync(t => t.InstanceId == opened.InstanceId && t.NodeId == "visit", Ct);
        task.Assignee = worker.ToString();
        task.Revision++;
        await workflow.SaveChangesAsync(Ct);
        return opened;
    }

    private async Task SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EscalationSweep>().RunAsync(Ct);
    }

    private async Task DispatchAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(Ct);
    }

    private async Task<Guid> UserAsync(string login) => await AlertScenario.UserIdAsync(host, login);

    private async Task<int> EntriesAsync(Guid instanceId, Guid userId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().UserNotifications
            .CountAsync(n => n.InstanceId == instanceId && n.UserId == userId && n.Kind == NotificationKind.Escalation, Ct);
    }

    private Task PreferAsync(string owner, NotificationMode? mode) => AlertScenario.PreferAsync(host, owner, NotificationKind.Escalation, mode);

    private static async Task<List<JsonElement>> BellAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/notifications?limit=100", Ct)).GetProperty("items").EnumerateArray()];
}

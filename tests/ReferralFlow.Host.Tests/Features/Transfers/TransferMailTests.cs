using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Features.Alerts;
using ReferralFlow.Host.Tests.Features.Notifications;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Escalation.EscalationScenario;
using static ReferralFlow.Host.Tests.Features.Transfers.TransferScenario;

namespace ReferralFlow.Host.Tests.Features.Transfers;

/// <summary>
/// Transfer mails follow the choice for transfers of whoever they reach, as escalations do (the demo hubs have a shared
/// mailbox, which is told; their workers keep transfers in the app unless they chose otherwise): a request nobody wants
/// by mail is recorded as not mailed (not failed), and those who chose the digest find it counted there — never the
/// request's note.
/// </summary>
public sealed class TransferMailTests(SmtpHostFixture host) : IClassFixture<SmtpHostFixture>
{
    private const string Hub = "dongjak-hub.worker";
    private const string HubAdmin = "dongjak-hub.districtadmin";
    private static readonly string Mailbox = AlertPreferences.MailboxOwner("dongjak-hub");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hub_whose_shared_mailbox_keeps_transfers_in_the_app_gets_no_request_mail_and_the_message_is_recorded_not_mailed()
    {
        await AlertScenario.PreferAsync(host, Mailbox, NotificationKind.Transfer, NotificationMode.AppOnly);
        try
        {
            var (owner, id, instanceId) = await OpenAtSplitsAsync(host);
            await RequestedAsync(owner, id);
            await AlertScenario.MailAsync(host);

            // Not an error for operators: recorded as not mailed on purpose; the hub's workers have it in the bell.
            Assert.Equal(OutboxStatus.NotMailed, (await RequestMessageAsync(instanceId)).Status);
            Assert.Empty(await RequestMailsAsync(owner, id));
        }
        finally
        {
            await AlertScenario.PreferAsync(host, Mailbox, NotificationKind.Transfer, null);
        }
    }

    [Fact]
    public async Task Those_who_chose_transfers_in_the_digest_get_no_mail_at_once_and_find_the_request_counted_in_the_digest()
    {
        var worker = AlertPreferences.UserOwner(await AlertScenario.UserIdAsync(host, Hub));
        await AlertScenario.PreferAsync(host, Mailbox, NotificationKind.Transfer, NotificationMode.Digest);
        await AlertScenario.PreferAsync(host, worker, NotificationKind.Transfer, NotificationMode.Digest);
        try
        {
            var (owner, id, instanceId) = await OpenAtSplitsAsync(host);
            await RequestedAsync(owner, id);
            await AlertScenario.MailAsync(host);
            Assert.Equal(OutboxStatus.NotMailed, (await RequestMessageAsync(instanceId)).Status);
            Assert.Empty(await RequestMailsAsync(owner, id));

            AlertScenario.NextDigestMorning(host);
            Assert.True(await AlertScenario.DigestAsync(host, Dongjak) > 0);
            await AlertScenario.MailAsync(host);
            var digests = AlertScenario.Mails(host).Where(m => (m.Subject ?? "").Contains("아침 알림 요약", StringComparison.Ordinal)).ToList();
            var mailbox = Assert.Single(digests, m => AlertScenario.To(m, "dongjak-hub@" + DemoData.EmailDomain));
            Assert.Contains("우리 구의 결정을 기다리는 전출 요청: ", mailbox.TextBody, StringComparison.Ordinal);
            var mine = Assert.Single(digests, m => AlertScenario.To(m, AlertScenario.Address(Hub)));
            Assert.Contains("전출 요청·결정 소식: ", mine.TextBody, StringComparison.Ordinal);
            Assert.All([mailbox, mine], m => Assert.Contains("/transfers", m.TextBody, StringComparison.Ordinal));
            Assert.All(digests, m => Assert.DoesNotContain("전입신고", m.TextBody ?? "", StringComparison.Ordinal));
            // The other hub worker keeps transfers in the app (the default beside a shared mailbox): no transfer line.
            Assert.All(digests.Where(m => AlertScenario.To(m, AlertScenario.Address(HubAdmin))),
                m => Assert.DoesNotContain("전출", m.TextBody ?? "", StringComparison.Ordinal));
        }
        finally
        {
            await AlertScenario.PreferAsync(host, Mailbox, NotificationKind.Transfer, null);
            await AlertScenario.PreferAsync(host, worker, NotificationKind.Transfer, null);
        }
    }

    private async Task<OutboxMessageRecord> RequestMessageAsync(Guid instanceId) =>
        Assert.Single(await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => m.InstanceId == instanceId && m.Type == "transfer")));

    // The SMTP server's store is unordered and shared by the class: this referral's request mails are those naming its number.
    private async Task<List<MimeKit.MimeMessage>> RequestMailsAsync(HttpClient owner, Guid id)
    {
        var number = (await owner.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct)).GetProperty("number").GetString()!;
        return [.. AlertScenario.Mails(host).Where(m => (m.Subject ?? "").Contains("전출 요청", StringComparison.Ordinal)
            && (m.Subject ?? "").Contains(number, StringComparison.Ordinal))];
    }
}

using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReferralFlow.Host.Tests.Features.Notifications;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Alerts;

/// <summary>
/// Every new step is announced to its agency by email (real SMTP), with the referral number, dong, step and deadline and a
/// link — no household data; a step for an agency the consent does not cover also tells the case owner.
/// </summary>
public sealed class StepAlertTests(SmtpHostFixture host) : IClassFixture<SmtpHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_step_is_announced_to_its_agency_and_missing_consent_to_the_case_owner()
    {
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        // Consent at the opening for the welfare centre and the hub; the cleaning department's is added before its step.
        var opened = await ReferralScenario.OpenAsync(owner, ReferralScenario.Body(agencyIds: ["sillim-welfare", "gwanak-hub"]));
        var id = opened.GetProperty("id").GetGuid();
        var number = opened.GetProperty("number").GetString()!;
        var consent = await owner.PostAsJsonAsync($"/api/referrals/{id}/consents", new
        {
            consentedBy = "김순자",
            relationship = "본인",
            consentedAt = HostFixture.T0.AddHours(-1),
            method = "written",
            agencyIds = new[] { "gwanak-cleaning" },
            categories = new[] { "basic", "living" },
        }, Ct);
        consent.EnsureSuccessStatusCode();

        await ReferralScenario.DriveToSplitsAsync(host, ReferralScenario.InstanceIdOf(host, id));
        await DispatchAsync();

        var mails = Mails(number);
        var first = Assert.Single(mails, m => To(m, "nangok-dong") && m.Subject!.Contains("새 단계: 신고 확인 및 담당자 지정", StringComparison.Ordinal));
        Assert.Contains("의뢰: " + number + " (난곡동)", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("/tasks/", first.TextBody, StringComparison.Ordinal);
        Assert.Single(mails, m => To(m, "gwanak-health") && m.Subject!.StartsWith("[ReferralFlow] 새 단계: 건강검진", StringComparison.Ordinal));
        Assert.Single(mails, m => To(m, "gwanak-cleaning") && m.Subject!.StartsWith("[ReferralFlow] 새 단계: 청소", StringComparison.Ordinal));
        Assert.Single(mails, m => To(m, "nanum-joy") && m.Subject!.StartsWith("[ReferralFlow] 새 단계: 무료급식", StringComparison.Ordinal));

        // The health centre and the meals agency lack consent; the cleaning department and the hub do not.
        var notices = mails.Where(m => m.Subject!.Contains("동의 필요", StringComparison.Ordinal)).ToList();
        Assert.All(notices, n => Assert.True(To(n, "nangok-dong")));
        Assert.Equal(["관악구 보건소", "나눔과 기쁨"], notices.Select(n => n.Subject!.Split(": ")[1].Split(" — ")[0]).Order(StringComparer.Ordinal));
        Assert.Contains($"/referrals/{id}/consents", notices[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("기본정보", notices[0].TextBody, StringComparison.Ordinal);
        Assert.All(mails, m => Assert.DoesNotContain("김순자", m.Subject + m.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_step_alert_is_sent_once_however_often_the_dispatcher_runs()
    {
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var number = (await ReferralScenario.OpenAsync(owner)).GetProperty("number").GetString()!;

        await DispatchAsync();
        await DispatchAsync();

        Assert.Single(Mails(number), m => m.Subject!.Contains("새 단계", StringComparison.Ordinal));
    }

    // The alert mailer turns the pending alerts of steps created in a unit of work into outbox messages; steps created
    // outside one (the scenario completes steps on the runtime directly) are queued in the outbox by the engine itself.
    // Alerts are mailed at most once a minute per recipient: each run here is a minute later.
    private Task DispatchAsync()
    {
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        return AlertScenario.MailAsync(host);
    }

    private List<MimeMessage> Mails(string number) =>
        [.. host.Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => (m.Subject ?? "").Contains(number, StringComparison.Ordinal))];

    private static bool To(MimeMessage mail, string agency) =>
        mail.To.Mailboxes.Any(b => b.Address.StartsWith(agency + "@", StringComparison.Ordinal));
}

using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Features.Notifications;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Features.Tasks;

namespace ReferralFlow.Host.Tests.Features.Alerts;

/// <summary>
/// Alert emails through real SMTP: a burst of new steps is one mail per recipient per minute; a task given to a worker
/// reaches them; a "digest only" worker gets no alert but tomorrow's digest lists the step (once, on working days
/// only) — and no mail carries the household's data.
/// </summary>
public sealed class AlertMailTests(SmtpHostFixture host) : IClassFixture<SmtpHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task New_steps_within_a_minute_reach_a_recipient_as_one_mail()
    {
        // A minute of its own: another test may have mailed this recipient in the current one.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await ReferralScenario.OpenAsync(owner)).GetProperty("number").GetString()!);
        }

        // Alerts are mailed once their minute is over, so that the minute's others join them.
        await AlertScenario.MailAsync(host);
        Assert.DoesNotContain(AlertScenario.Mails(host), m => numbers.Any(n => (m.TextBody ?? "").Contains(n, StringComparison.Ordinal)));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await AlertScenario.MailAsync(host);
        var batch = Assert.Single(AlertScenario.Mails(host), m => AlertScenario.To(m, "nangok-dong@" + DemoData.EmailDomain) && numbers.All(n => (m.TextBody ?? "").Contains(n, StringComparison.Ordinal)));
        Assert.StartsWith("[ReferralFlow] 새 알림", batch.Subject, StringComparison.Ordinal);
        Assert.Contains("/tasks/", batch.TextBody, StringComparison.Ordinal);

        // Another step in the same minute waits for the next one.
        var later = (await ReferralScenario.OpenAsync(owner)).GetProperty("number").GetString()!;
        await AlertScenario.MailAsync(host);
        Assert.DoesNotContain(AlertScenario.Mails(host), m => (m.TextBody ?? "").Contains(later, StringComparison.Ordinal));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await AlertScenario.MailAsync(host);
        Assert.Single(AlertScenario.Mails(host), m => (m.Subject ?? "").Contains(later, StringComparison.Ordinal) && m.Subject!.Contains("새 단계", StringComparison.Ordinal));
        AlertScenario.AssertNoHouseholdData(AlertScenario.Mails(host));
    }

    [Fact]
    public async Task A_task_given_to_a_worker_reaches_them_by_bell_and_email()
    {
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var opened = await ReferralScenario.OpenAsync(owner);
        var number = opened.GetProperty("number").GetString()!;
        var taskId = await AlertScenario.OpenTaskAsync(host, ReferralScenario.InstanceIdOf(host, opened.GetProperty("id").GetGuid()), "Task_AssignCase");
        var supervisor = await host.SignInOnceAsync("nangok-dong.supervisor");
        var workerId = await AlertScenario.UserIdAsync(host, "nangok-dong.worker");

        var reassign = await supervisor.PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { assigneeId = workerId, reason = "담당 조정" }, Ct);
        reassign.EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await AlertScenario.MailAsync(host);

        var bell = await owner.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true", Ct);
        Assert.Contains(bell.GetProperty("items").EnumerateArray(), e => e.GetProperty("kind").GetString() == "assigned" && e.GetProperty("taskId").GetGuid() == taskId);
        var mail = Assert.Single(AlertScenario.Mails(host), m => AlertScenario.To(m, AlertScenario.Address("nangok-dong.worker")) && (m.Subject ?? "").Contains(number, StringComparison.Ordinal));
        Assert.StartsWith("[ReferralFlow] 담당 지정: 신고 확인 및 담당자 지정", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"/tasks/{taskId}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("담당 조정", mail.TextBody, StringComparison.Ordinal);
        AlertScenario.AssertNoHouseholdData([mail]);
    }

    [Fact]
    public async Task A_digest_only_worker_gets_no_alert_but_the_next_working_days_digest_lists_the_step()
    {
        var worker = await host.SignInOnceAsync("gwanak-health.worker");
        var digestOnly = Enum.GetValues<ReferralFlow.Host.Data.NotificationKind>().ToDictionary(AlertModes.Name, _ => "digest");
        (await worker.PutAsJsonAsync("/api/notification-preferences", new { modes = digestOnly }, Ct)).EnsureSuccessStatusCode();
        var supervisor = await host.SignInOnceAsync("gwanak-health.supervisor");
        (await supervisor.PutAsJsonAsync("/api/notification-preferences", new { modes = new Dictionary<string, string> { ["new-step"] = "immediately" } }, Ct)).EnsureSuccessStatusCode();
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var opened = await ReferralScenario.OpenAsync(owner);
        var number = opened.GetProperty("number").GetString()!;
        var instanceId = ReferralScenario.InstanceIdOf(host, opened.GetProperty("id").GetGuid());

        await AlertScenario.DriveToSplitsAsync(host, instanceId);
        var health = await AlertScenario.OpenTaskAsync(host, instanceId, "Task_HealthCheck");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await AlertScenario.MailAsync(host);

        var workerAddress = AlertScenario.Address("gwanak-health.worker");
        Assert.Contains(AlertScenario.Mails(host), m => AlertScenario.To(m, AlertScenario.Address("gwanak-health.supervisor")) && (m.TextBody ?? "").Contains(number, StringComparison.Ordinal));
        Assert.DoesNotContain(AlertScenario.Mails(host), m => AlertScenario.To(m, workerAddress));

        // The next working day at 08:30 KST: the digest lists the step, once.
        var day = AlertScenario.NextDigestMorning(host);
        Assert.True(await AlertScenario.DigestAsync(host) > 0);
        Assert.Equal(0, await AlertScenario.DigestAsync(host));
        await AlertScenario.MailAsync(host);
        var digest = Assert.Single(AlertScenario.Mails(host), m => AlertScenario.To(m, workerAddress));
        Assert.Contains("아침 알림 요약", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("새 단계", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/tasks/{health}", digest.TextBody, StringComparison.Ordinal);
        AlertScenario.AssertNoHouseholdData(AlertScenario.Mails(host));

        // Saturday: no digest.
        var saturday = day.AddDays(((int)DayOfWeek.Saturday - (int)day.DayOfWeek + 7) % 7);
        host.Clock.SetUtcNow(new DateTimeOffset(saturday.ToDateTime(new TimeOnly(8, 30)), TimeSpan.FromHours(9)).ToUniversalTime());
        Assert.Equal(0, await AlertScenario.DigestAsync(host));
    }
}

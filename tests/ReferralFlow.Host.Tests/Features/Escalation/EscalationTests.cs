using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Escalation.EscalationScenario;

namespace ReferralFlow.Host.Tests.Features.Escalation;

/// <summary>Escalation through a real Hangfire server on PostgreSQL and a real SMTP server.</summary>
[Collection(JobsCollection.Name)]
public sealed class EscalationTests(JobsHostFixture host) : IClassFixture<JobsHostFixture>
{
    private const string Domain = "demo.referralflow.kr";

    private IServiceProvider Services => host.Factory.Services;

    [Fact]
    public async Task Unclaimed_overdue_task_escalates_level_by_level_to_the_right_recipients_once_each()
    {
        var (number, instanceId) = await OpenAsync(Services, host.Clock.GetUtcNow());

        host.Clock.Advance(TimeSpan.FromHours(1));
        await WaitUntilAsync(() => MessagesAbout(host.Smtp, number).Count == 1, "level 1 (agency queue)");
        var first = MessagesAbout(host.Smtp, number)[0];
        Assert.Equal($"nangok-dong@{Domain}", Recipients(first));
        Assert.Contains("기한 경과 1단계", first.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("테스트 가구", Text(first), StringComparison.Ordinal);
        // Who holds it (nobody: the queue), what the agency is asked to do, and its task page.
        Assert.Contains("현재 담당: 아직 없음", Text(first), StringComparison.Ordinal);
        Assert.Contains("요청 사항: 기관에서 담당자를 정해", Text(first), StringComparison.Ordinal);
        Assert.Contains("/tasks/", Text(first), StringComparison.Ordinal);

        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => MessagesAbout(host.Smtp, number).Count == 2, "level 2 (supervisor)");
        // The SMTP server's store is unordered: compare the recipients as a sorted list.
        Assert.Equal([$"nangok-dong.supervisor@{Domain}", $"nangok-dong@{Domain}"], MessagesAbout(host.Smtp, number).Select(Recipients).Order(StringComparer.Ordinal));

        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => MessagesAbout(host.Smtp, number).Count == 4, "level 3 (case owner and hub)");
        var all = MessagesAbout(host.Smtp, number).Select(Recipients).Order(StringComparer.Ordinal);
        Assert.Equal([$"gwanak-hub@{Domain}", $"nangok-dong.supervisor@{Domain}", $"nangok-dong@{Domain}", $"nangok-dong@{Domain}"], all);
        // Level 3 goes to people outside the step's agency: they are asked to follow up and get the referral, which they can open.
        var hubMail = Text(MessagesAbout(host.Smtp, number).Single(m => Recipients(m) == $"gwanak-hub@{Domain}"));
        Assert.Contains("희망복지지원단으로서", hubMail, StringComparison.Ordinal);
        Assert.DoesNotContain("/tasks/", hubMail, StringComparison.Ordinal);
        var referralPath = new Uri(System.Text.RegularExpressions.Regex.Match(hubMail, @"https?://\S+/referrals/\S+").Value).AbsolutePath;
        var hubPages = await host.SignInToPagesAsync("gwanak-hub.worker");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await hubPages.GetAsync(referralPath, TestContext.Current.CancellationToken)).StatusCode);

        await WaitUntilAsync(async () => (await QueryAsync(Services, db => db.Outbox.Where(m => m.InstanceId == instanceId && m.Status != OutboxStatus.Sent))).Count == 0, "outbox drained");
        var task = (await QueryAsync(Services, db => db.Tasks.Where(t => t.InstanceId == instanceId && t.NodeId == "visit"))).Single();
        Assert.Equal(3, task.EscalationLevel);
        var timeline = await QueryAsync(Services, db => db.Timeline.Where(e => e.InstanceId == instanceId && e.Type == "escalated"));
        Assert.Equal(3, timeline.Count);
        Assert.Equal(4, MessagesAbout(host.Smtp, number).Count);

        var hub = await host.SignInAsync("gwanak-hub.worker");
        var report = await hub.GetAllItemsAsync("/api/reports/agencies");
        var nangok = report!.Single(r => r.GetProperty("agencyId").GetString() == "nangok-dong");
        Assert.True(nangok.GetProperty("escalated").GetInt32() >= 1);
        Assert.True(nangok.GetProperty("overdue").GetInt32() >= 1);
        var worker = await host.SignInAsync("nangok-dong.worker");
        var escalated = await worker.GetFromJsonAsync<JsonElement>("/api/tasks?escalated=true", TestContext.Current.CancellationToken);
        Assert.Contains(escalated.GetProperty("items").EnumerateArray(), t => t.GetProperty("escalationLevel").GetInt32() == 3);
    }

    [Fact]
    public async Task Completing_the_task_before_its_deadline_sends_nothing()
    {
        var (number, instanceId) = await OpenAsync(Services, host.Clock.GetUtcNow());
        await using (var scope = Services.CreateAsyncScope())
        {
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            await runtime.CompleteTaskAsync(instanceId, 1, null, null, TestContext.Current.CancellationToken);
        }

        host.Clock.Advance(TimeSpan.FromHours(2));

        await WaitUntilAsync(async () => (await QueryAsync(Services, db => db.Escalations.Where(e => e.InstanceId == instanceId && e.Status == EscalationStatus.Pending))).Count == 0,
            "escalations swept");
        var levels = await QueryAsync(Services, db => db.Escalations.Where(e => e.InstanceId == instanceId));
        Assert.All(levels, l => Assert.Equal(EscalationStatus.Cancelled, l.Status));
        Assert.Empty(MessagesAbout(host.Smtp, number));
    }

    [Fact]
    public async Task Non_interrupting_timer_starts_its_path_and_interrupting_timer_cancels_the_task()
    {
        var (_, instanceId) = await OpenAsync(Services, host.Clock.GetUtcNow());

        host.Clock.Advance(TimeSpan.FromHours(2));
        await WaitUntilAsync(async () => (await QueryAsync(Services, db => db.Tasks.Where(t => t.InstanceId == instanceId && t.NodeId == "followUp"))).Count == 1,
            "non-interrupting path task");
        Assert.Equal(WorkTaskStatus.Open, (await QueryAsync(Services, db => db.Tasks.Where(t => t.InstanceId == instanceId && t.NodeId == "visit"))).Single().Status);

        host.Clock.Advance(TimeSpan.FromHours(3));
        await WaitUntilAsync(async () => (await QueryAsync(Services, db => db.Tasks.Where(t => t.InstanceId == instanceId && t.NodeId == "hubTakesOver"))).Count == 1,
            "interrupting path task");
        var visit = (await QueryAsync(Services, db => db.Tasks.Where(t => t.InstanceId == instanceId && t.NodeId == "visit"))).Single();
        Assert.Equal(WorkTaskStatus.Cancelled, visit.Status);
        var hubTask = (await QueryAsync(Services, db => db.Tasks.Where(t => t.InstanceId == instanceId && t.NodeId == "hubTakesOver"))).Single();
        Assert.Equal("gwanak-hub", hubTask.AgencyId);
    }
}

using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Infrastructure.Jobs;
using ReferralFlow.Host.Tests.Features.Escalation;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Escalation.EscalationScenario;

namespace ReferralFlow.Host.Tests.Infrastructure.Jobs;

/// <summary>
/// The due-work scheduler on a real Hangfire server and PostgreSQL: no sweeps, woken by the commits that write rows; its
/// jobs run in the process that enqueued them, and a killed process's leftovers are deleted.
/// </summary>
[Collection(JobsCollection.Name)]
public sealed class DueWorkSchedulerTests(JobsHostFixture host) : IClassFixture<JobsHostFixture>
{
    private const string Bpmn = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0" id="d" targetNamespace="t">
          <bpmn:process id="short-wait" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="after" name="대기 후 확인" rf:role="dong"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after"/>
            <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private IServiceProvider Services => host.Factory.Services;

    [Fact]
    public async Task A_timer_written_for_two_seconds_ahead_fires_then_without_any_sweep()
    {
        using (var connection = Services.GetRequiredService<JobStorage>().GetConnection())
        {
            Assert.DoesNotContain(connection.GetRecurringJobs(), j => j.Id.Contains("sweep", StringComparison.Ordinal) || j.Id == "outbox:dispatch");
        }

        Guid instanceId;
        await using (var scope = Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
            await store.SaveDraftAsync(DemoData.District, "short-wait", Bpmn, null, TestContext.Current.CancellationToken);
            var version = await store.PublishAsync(DemoData.District, "short-wait", "test", TestContext.Current.CancellationToken);
            instanceId = (await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>()
                .StartAsync(version.Id, "short-wait", null, new Dictionary<string, string> { ["dong"] = "nangok-dong" }, TestContext.Current.CancellationToken)).InstanceId;
        }

        Assert.Empty(await QueryAsync(Services, db => db.Tasks.Where(t => t.InstanceId == instanceId && t.NodeId == "after")));

        host.Clock.Advance(TimeSpan.FromSeconds(2));

        await WaitUntilAsync(async () => (await QueryAsync(Services, db => db.Tasks.Where(t => t.InstanceId == instanceId && t.NodeId == "after"))).Count == 1,
            "the task after the timer");
    }

    [Fact]
    public async Task A_wake_up_with_nothing_due_enqueues_no_job()
    {
        var scheduler = Services.GetRequiredService<DueWorkScheduler>();
        var monitoring = Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await WaitUntilAsync(async () =>
        {
            var next = await NextDueAsync();
            var now = host.Clock.GetUtcNow();
            var stats = monitoring.GetStatistics();
            return !(next.Timers <= now || next.Escalations <= now || next.Outbox <= now || await AlertsDueAsync() <= now) && stats.Enqueued == 0 && stats.Processing == 0;
        }, "nothing due and no job running");
        var jobsBefore = Total(monitoring.GetStatistics());
        var plansBefore = scheduler.Plans;

        Services.GetRequiredService<WorkflowDueSignal>().Raise(DateTimeOffset.MinValue);

        await WaitUntilAsync(() => scheduler.Plans > plansBefore, "the scheduler looked at the due rows");
        Assert.Equal(jobsBefore, Total(monitoring.GetStatistics()));
    }

    [Fact]
    public async Task The_scheduler_enqueues_on_a_queue_that_only_this_process_serves()
    {
        var queue = Services.GetRequiredService<DueWorkQueue>().Name;
        var monitoring = Services.GetRequiredService<JobStorage>().GetMonitoringApi();

        // Opening a referral queues its step mail: the outbox kind falls due and the scheduler enqueues a job for it.
        await PublishAsync(Services);
        await OpenAsync(Services, host.Clock.GetUtcNow());

        await WaitUntilAsync(() => DueWorkJobQueues(monitoring).Count > 0, "a due-work job that ran");
        Assert.All(DueWorkJobQueues(monitoring), q => Assert.Equal(queue, q));
        var servers = monitoring.Servers();
        Assert.Single(servers, s => s.Queues.Contains(queue));
        Assert.All(servers, s => Assert.DoesNotContain(s.Queues, q => q.StartsWith(DueWorkQueue.Prefix, StringComparison.Ordinal) && q != queue));
    }

    [Fact]
    public void Jobs_left_in_the_queue_of_a_process_that_is_gone_are_deleted_once_old_enough()
    {
        var storage = Services.GetRequiredService<JobStorage>();
        var jobs = Services.GetRequiredService<IBackgroundJobClient>();
        var job = Job.FromExpression<DueWorkJob>(j => j.RunAsync("none", false, null, CancellationToken.None));
        var orphan = jobs.Create(job, new EnqueuedState("due_1_deadbeef"));

        using var connection = storage.GetConnection();

        Assert.Equal(0, DueWorkQueue.RemoveOrphans(storage, jobs, TimeSpan.FromHours(1)));
        Assert.Equal(EnqueuedState.StateName, connection.GetStateData(orphan).Name);

        Assert.Equal(1, DueWorkQueue.RemoveOrphans(storage, jobs, TimeSpan.Zero));
        Assert.Equal(DeletedState.StateName, connection.GetStateData(orphan).Name);
    }

    private static List<string> DueWorkJobQueues(IMonitoringApi monitoring) =>
        [.. monitoring.SucceededJobs(0, 500)
            .Select(j => j.Key)
            .Select(id => monitoring.JobDetails(id))
            .Where(d => d?.Job?.Type == typeof(DueWorkJob))
            .SelectMany(d => d!.History.Where(h => h.StateName == EnqueuedState.StateName).Select(h => h.Data["Queue"]))];

    private static long Total(Hangfire.Storage.Monitoring.StatisticsDto stats) =>
        stats.Enqueued + stats.Processing + stats.Succeeded + stats.Failed + stats.Scheduled + stats.Deleted;

    private async Task<DateTimeOffset?> AlertsDueAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PendingAlertsDue>().NextDueAsync(TestContext.Current.CancellationToken);
    }

    private async Task<NextDue> NextDueAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DueSchedule>().NextAsync(TestContext.Current.CancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Features.Alerts;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Escalation;

/// <summary>Creates referrals directly through the host's services (no HTTP), and waits for conditions.</summary>
internal static class EscalationScenario
{
    public const string Bpmn = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0" id="d" targetNamespace="t">
          <bpmn:process id="escalation-test" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="visit" name="가정방문" rf:role="dong" rf:due="PT1H" rf:escalation="fast"/>
            <bpmn:boundaryEvent id="remind" attachedToRef="visit" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="followUp" name="지연 사유 회신" rf:role="dong"/>
            <bpmn:boundaryEvent id="giveUp" attachedToRef="visit" cancelActivity="true"><bpmn:timerEventDefinition><bpmn:timeDuration>PT5H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="hubTakesOver" name="희망복지지원단 인계" rf:role="hub"/>
            <bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/><bpmn:endEvent id="end3"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="visit"/>
            <bpmn:sequenceFlow id="f2" sourceRef="visit" targetRef="end"/>
            <bpmn:sequenceFlow id="f3" sourceRef="remind" targetRef="followUp"/>
            <bpmn:sequenceFlow id="f4" sourceRef="followUp" targetRef="end2"/>
            <bpmn:sequenceFlow id="f5" sourceRef="giveUp" targetRef="hubTakesOver"/>
            <bpmn:sequenceFlow id="f6" sourceRef="hubTakesOver" targetRef="end3"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static int _next;

    public static async Task<Guid> PublishAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        var existing = await store.GetVersionAsync(DemoData.District, "escalation-test");
        if (existing is not null)
        {
            return existing.Id;
        }

        await store.SaveDraftAsync(DemoData.District, "escalation-test", Bpmn, null);
        return (await store.PublishAsync(DemoData.District, "escalation-test", "test")).Id;
    }

    /// <summary>Opens a referral whose single step is offered to 난곡동 주민센터; returns (referral number, instance id).</summary>
    public static async Task<(string Number, Guid InstanceId)> OpenAsync(IServiceProvider services, DateTimeOffset now)
    {
        var versionId = await PublishAsync(services);
        var number = $"E-{Interlocked.Increment(ref _next):D3}-{Guid.NewGuid().ToString("N")[..6]}";
        await using var scope = services.CreateAsyncScope();
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        // One transaction, as a real opening: a running dispatcher must never find the step's mail without its referral
        // (it would fail the mail for good). The host's context joins only after the start, so the step is still
        // announced by its own outbox mail, which these tests count.
        await using var transaction = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Database.BeginTransactionAsync();
        var started = await runtime.StartAsync(versionId, number, null, new Dictionary<string, string> { ["dong"] = "nangok-dong", ["hub"] = "gwanak-hub" });
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        await db.Database.UseTransactionAsync(transaction.GetDbTransaction());
        var referralId = Guid.CreateVersion7();
        db.Referrals.Add(new Referral
        {
            Id = referralId,
            Number = number,
            WorkflowKey = "escalation-test",
            WorkflowVersion = 1,
            InstanceId = started.InstanceId,
            Status = ReferralStatus.InProgress,
            District = "관악구",
            Dong = "난곡동",
            ReferringAgencyId = "sillim-welfare",
            PublicOwnerAgencyId = "nangok-dong",
            Household = new Household { Name = "테스트 가구" },
            OpenedAt = now,
            RetainUntil = now.AddYears(5),
            Participants = [new ReferralParticipant { ReferralId = referralId, RoleKey = "dong", AgencyId = "nangok-dong" }],
        });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (number, started.InstanceId);
    }

    public static IReadOnlyList<SmtpMessage> MessagesAbout(SimpleSmtpServer smtp, string number) =>
        [.. smtp.ReceivedEmail.Where(m => (m.Subject?.Contains(number, StringComparison.Ordinal) == true || m.Data.Contains(number, StringComparison.Ordinal))
            && !StepAlertMail.Is(m.Subject))];

    /// <summary>The decoded plain-text body (the raw message is quoted-printable or base64).</summary>
    public static string Text(SmtpMessage message) =>
        MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(message.Data))).TextBody ?? "";

    public static string Recipients(SmtpMessage message) => string.Join(",", message.ToAddresses.Select(a => a.Address).Order(StringComparer.Ordinal));

    /// <summary>
    /// Polls until the condition holds (the jobs run on their own schedule); fails after the timeout, with
    /// <paramref name="detail"/> when given. Given a <paramref name="clock"/>, moves it on as real time passes, so
    /// back-offs and probes come due as on a server.
    /// </summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 30, FakeTimeProvider? clock = null, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for: {what}{(detail is null ? "" : "; " + detail())}");
            await Task.Delay(100);
            clock?.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 30, FakeTimeProvider? clock = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, seconds, clock);

    /// <summary>
    /// Waits until no outbox row is left unsent; on timeout, names the rows left and why. Given a <paramref name="clock"/>,
    /// moves it on as real time passes, as a server's does: a frozen clock would hold a retry's back-off or the mail
    /// breaker's probe forever after one slow SMTP answer on a loaded machine.
    /// </summary>
    public static Task OutboxDrainedAsync(IServiceProvider services, FakeTimeProvider? clock = null)
    {
        List<OutboxMessageRecord> left = [];
        return WaitUntilAsync(
            async () => (left = await QueryAsync(services, db => db.Outbox.Where(m => m.Status != OutboxStatus.Sent))).Count == 0,
            "the outbox to drain", clock: clock,
            detail: () => "left: " + string.Join("; ", left.Select(m => $"{m.Template} to {m.To} {m.Status} after {m.Attempts} attempt(s), next {m.NextAttemptAt:O}: {m.LastError}")));
    }

    public static async Task<List<T>> QueryAsync<T>(IServiceProvider services, Func<WorkflowDbContext, IQueryable<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WorkflowDbContext>()).ToListAsync();
    }
}

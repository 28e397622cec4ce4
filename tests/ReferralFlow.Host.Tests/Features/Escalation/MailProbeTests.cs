using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Escalation.EscalationScenario;

namespace ReferralFlow.Host.Tests.Features.Escalation;

/// <summary>
/// The mail breaker's probes on a real Hangfire server. A host of its own: netDumbster's stop leaves sessions opened
/// before it answering, so a dispatcher still busy after this test's restart could hold rows another test's outage waits for.
/// </summary>
[Collection(JobsCollection.Name)]
public sealed class MailProbeTests(JobsHostFixture host) : IClassFixture<JobsHostFixture>
{
    [Fact]
    public async Task The_breaker_probes_every_interval_however_many_probes_failed_before()
    {
        var breaker = host.Factory.Services.GetRequiredService<MailCircuitBreaker>();
        host.Smtp.Stop();
        await OpenAsync(host.Factory.Services, host.Clock.GetUtcNow());
        await WaitUntilAsync(() => breaker.Open is not null, "the breaker to open");

        // Each probe finds the server down and handles no row; that must not push the next one past its time.
        for (var probe = 0; probe < 6; probe++)
        {
            var state = breaker.Open!;
            host.Clock.Advance(state.NextProbe - host.Clock.GetUtcNow());
            await WaitUntilAsync(() => breaker.Open is { } open && open.NextProbe > state.NextProbe, $"probe {probe + 1} at its time");
        }

        host.RestartSmtp();
        await WaitUntilAsync(async () => breaker.Open is null && (await QueryAsync(host.Factory.Services, db => db.Outbox.Where(m => m.Status == OutboxStatus.Pending))).Count == 0,
            "the backlog sent after the server returned", clock: host.Clock);
    }
}

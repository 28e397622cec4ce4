using Hangfire;
using ReferralFlow.Host.Features.Escalation;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Features.Retention;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>Registers the recurring jobs once the server starts (idempotent across processes: same job ids).</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager recurring, JobsOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Second-based cron: a due timer, escalation or message is picked up within a couple of seconds (plus polling).
        recurring.AddOrUpdate<DueTimerSweep>("timers:sweep", sweep => sweep.RunAsync(CancellationToken.None), options.SweepCron);
        recurring.AddOrUpdate<EscalationSweep>("escalations:sweep", sweep => sweep.RunAsync(CancellationToken.None), options.SweepCron);
        recurring.AddOrUpdate<OutboxDispatcher>("outbox:dispatch", dispatch => dispatch.RunAsync(CancellationToken.None), options.SweepCron);
        // Nightly at 03:00 KST.
        recurring.AddOrUpdate<RetentionSweep>("retention:anonymise", sweep => sweep.RunAsync(CancellationToken.None), "0 18 * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

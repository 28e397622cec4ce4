using Hangfire;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>Registers the recurring jobs once the server starts (idempotent across processes: same job ids).</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<DueTimerSweep>("timers:sweep", sweep => sweep.RunAsync(CancellationToken.None), "* * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Hangfire;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>
/// Registers the recurring jobs the features contributed (<see cref="RecurringJobs.AddRecurringJob"/>) once the server
/// starts; idempotent across processes: same job ids.
/// </summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager recurring, IEnumerable<RecurringJob> jobs, JobsOptions options) : IHostedService
{
    /// <summary>
    /// The sweeps that ran every two seconds before <see cref="DueWorkScheduler"/>, the per-minute alert mailer (now due
    /// work) and the hourly digest registration (now at start-up); removed from existing storages.
    /// </summary>
    private static readonly string[] Retired = ["timers:sweep", "escalations:sweep", "outbox:dispatch", "alerts:mail", "digests:schedule"];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var id in Retired)
        {
            recurring.RemoveIfExists(id);
        }

        foreach (var job in jobs)
        {
            job.Register(recurring, options);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Hangfire;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>
/// Registers the recurring jobs the features contributed (<see cref="RecurringJobs.AddRecurringJob"/>) once the server
/// starts; idempotent across processes: same job ids.
/// </summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager recurring, IEnumerable<RecurringJob> jobs, JobsOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            job.Register(recurring, options);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Hangfire;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>The Hangfire job <see cref="DueWorkScheduler"/> enqueues for a kind of due rows; tells the scheduler when it is done.</summary>
public sealed class DueWorkJob(IServiceProvider services, IEnumerable<DueWorkRegistration> registrations, DueWorkScheduler scheduler)
{
    // No retry: rows still due are the scheduler's to enqueue again.
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(DueWorkKind kind, CancellationToken cancellationToken)
    {
        var processed = 0;
        try
        {
            var registration = registrations.First(r => r.Kind == kind);
            processed = await ((IDueWork)services.GetRequiredService(registration.Work)).RunAsync(cancellationToken);
            return processed;
        }
        finally
        {
            scheduler.Completed(kind, processed);
        }
    }
}

using Hangfire;
using Hangfire.Server;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>The Hangfire job <see cref="DueWorkScheduler"/> enqueues for a kind of due rows; tells the scheduler when it starts and when it is done.</summary>
public sealed class DueWorkJob(IServiceProvider services, IEnumerable<DueWorkRegistration> registrations, DueWorkScheduler scheduler)
{
    // No retry: rows still due are the scheduler's to enqueue again. Hangfire passes the context in place of the null enqueued;
    // alongside: started while other jobs of the kind ran. A kind this version does not know (a job queued before an
    // upgrade) handles nothing.
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(string kind, bool alongside, PerformContext? context, CancellationToken cancellationToken)
    {
        var processed = 0;
        try
        {
            scheduler.Started(kind, context?.BackgroundJob.Id);
            if (registrations.FirstOrDefault(r => r.Kind == kind) is { } registration)
            {
                processed = await ((IDueWork)services.GetRequiredService(registration.Work)).RunAsync(cancellationToken);
            }

            return processed;
        }
        finally
        {
            scheduler.Completed(kind, alongside, context?.BackgroundJob.Id, processed);
        }
    }
}

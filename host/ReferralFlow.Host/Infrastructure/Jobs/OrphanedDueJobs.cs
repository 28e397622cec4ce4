using Hangfire;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>
/// Every <see cref="JobsOptions.SafetyInterval"/>, deletes the due-work jobs a killed process left in its own queue
/// (<see cref="DueWorkQueue.RemoveOrphans"/>), so they do not sit in the job storage for ever. Runs where a job server runs.
/// </summary>
internal sealed partial class OrphanedDueJobs(JobStorage storage, IBackgroundJobClient jobs, JobsOptions options, TimeProvider time, ILogger<OrphanedDueJobs> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not at start: the job storage may still be preparing its schema, and a dead server stays listed for a while anyway.
        using var timer = new PeriodicTimer(options.SafetyInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (DueWorkQueue.RemoveOrphans(storage, jobs, options.SafetyInterval) is > 0 and var removed)
                {
                    LogRemoved(logger, removed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} due-work job(s) left in the queue of a process that is gone")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for due-work jobs left by a process that is gone ({Reason}); trying again later")]
    private static partial void LogFailed(ILogger logger, string reason);
}

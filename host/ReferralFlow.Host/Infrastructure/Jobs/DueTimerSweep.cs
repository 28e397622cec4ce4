using Hangfire;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>
/// Fires every committed timer whose due time has passed (boundary and intermediate timers). Timer rows are written in
/// the same transaction as the task that needs them, so a crash never loses one; a timer another process fired first
/// is skipped. The query reads the (status, due_at) index: its cost is the number of due timers.
/// </summary>
public sealed partial class DueTimerSweep(IServiceScopeFactory scopes, WorkflowReadModel db, TimeProvider time, JobsOptions options, ILogger<DueTimerSweep> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Timers
            .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now)
            .OrderBy(t => t.DueAt)
            .Select(t => t.Id)
            .Take(options.SweepBatchSize)
            .ToListAsync(cancellationToken);
        var fired = 0;
        foreach (var timerId in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().FireTimerAsync(timerId, cancellationToken: cancellationToken);
                fired++;
            }
            catch (Exception ex) when (ex is WorkflowCommandException or ConcurrencyConflictException)
            {
                LogSkipped(logger, timerId, ex.Message);
            }
        }

        return fired;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {TimerId} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, Guid timerId, string reason);
}

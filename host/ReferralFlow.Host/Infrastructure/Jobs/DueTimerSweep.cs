using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>
/// Fires due timers (boundary and intermediate), each in a transaction of its own that first claims it
/// (<see cref="TimerClaims"/>, <c>FOR UPDATE SKIP LOCKED</c>): processes fire different timers side by side, none
/// twice, and a lock ends with its transaction or process. A timer whose instance changed meanwhile (a concurrency
/// conflict) is tried again alone; one its instance no longer knows is closed.
/// </summary>
public sealed partial class DueTimerSweep(IServiceScopeFactory scopes, TimeProvider time, JobsOptions options, ILogger<DueTimerSweep> logger) : IDueWork
{
    private const int AttemptsPerTimer = 3;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        var conflicts = 0;
        for (var i = 0; i < options.SweepBatchSize; i++)
        {
            try
            {
                var outcome = await FireNextAsync(cancellationToken);
                if (outcome is null)
                {
                    break;
                }

                fired += outcome.Value ? 1 : 0;
                conflicts = 0;
            }
            catch (ConcurrencyConflictException ex) when (++conflicts < AttemptsPerTimer)
            {
                // Rolled back alone; the next claim takes the same timer (the oldest due) on fresh state.
                LogConflict(logger, ex.Message);
            }
        }

        return fired;
    }

    /// <summary>Fires the oldest due timer nobody else holds: true when fired, false when closed as stale, null when none is due.</summary>
    private async Task<bool?> FireNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var claims = services.GetRequiredService<TimerClaims>();
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        return await services.GetRequiredService<UnitOfWork>().ExecuteAsync<bool?>(async ct =>
        {
            var now = time.GetUtcNow();
            if (await claims.ClaimNextDueAsync(now, ct) is not { } timer)
            {
                return null;
            }

            try
            {
                await runtime.FireTimerAsync(timer.Id, cancellationToken: ct);
                return true;
            }
            catch (Exception ex) when (ex is WorkflowCommandException or WorkflowNotFoundException)
            {
                LogStale(logger, timer.Id, ex.Message);
                await claims.CloseStaleAsync(timer.Id, now, ct);
                return false;
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer fired concurrently with a command on its instance; trying again: {Reason}")]
    private static partial void LogConflict(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {TimerId} can no longer fire and was closed: {Reason}")]
    private static partial void LogStale(ILogger logger, Guid timerId, string reason);
}

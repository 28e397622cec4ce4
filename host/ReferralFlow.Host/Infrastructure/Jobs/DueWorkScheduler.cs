using System.Collections.Concurrent;
using Hangfire;
using Hangfire.States;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;
using ReferralFlow.Workflows.Persistence.PostgreSql;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>
/// Starts work on due rows without polling: asks the database for the next due instant of each kind
/// (<see cref="DueSchedule"/>), sleeps until the earliest (on <see cref="TimeProvider"/>), and enqueues a Hangfire
/// <see cref="DueWorkJob"/> only for a kind that is due. A commit that writes a sooner row wakes it early: in this
/// process through <see cref="WorkflowDueSignal"/>, from other processes through PostgreSQL <c>NOTIFY</c>
/// (<see cref="PostgresDueListener"/>). It looks again at least every <see cref="JobsOptions.SafetyInterval"/> in case
/// a notification was lost. One per host process; several hosts may enqueue the same kind, and the jobs' row claims
/// (<c>FOR UPDATE SKIP LOCKED</c>) share the rows out.
/// </summary>
public sealed partial class DueWorkScheduler(
    IServiceProvider services, IServiceScopeFactory scopes, IBackgroundJobClient jobs, JobStorage storage, WorkflowDueSignal signal, TimeProvider time, JobsOptions options,
    DatabaseOptions database, IEnumerable<DueWorkRegistration> registrations, ILogger<DueWorkScheduler> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<DueWorkKind, Run> _runs = new();
    private int _plans;

    /// <summary>How often the scheduler has looked at the due rows since it started (diagnostics and tests).</summary>
    public int Plans => Volatile.Read(ref _plans);

    /// <summary>Jobs this scheduler enqueued, by kind, since when, and how long to hold off after an idle run.</summary>
    private sealed record Run(string? JobId, DateTimeOffset Since, TimeSpan Backoff);

    /// <summary>A <see cref="DueWorkJob"/> finished in this process: look again at once (or after a back-off when it found nothing to do).</summary>
    public void Completed(DueWorkKind kind, int processed)
    {
        var now = time.GetUtcNow();
        var previous = _runs.TryGetValue(kind, out var run) ? run.Backoff : TimeSpan.Zero;
        // A run that handled nothing while rows are due (another process holds them, or they keep failing) is not repeated at once.
        var backoff = processed > 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Clamp(previous.Ticks * 2, TimeSpan.FromMilliseconds(250).Ticks, options.SafetyInterval.Ticks));
        _runs[kind] = new Run(null, now, backoff);
        signal.Raise(DateTimeOffset.MinValue);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = database.Provider == DatabaseProvider.PostgreSql
            ? Task.Run(() => PostgresDueListener.ListenAsync(database.ConnectionString, signal, ex => LogListenerLost(logger, ex.Message), stoppingToken), stoppingToken)
            : Task.CompletedTask;
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset wake;
            try
            {
                wake = await PlanAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPlanFailed(logger, ex);
                wake = time.GetUtcNow() + TimeSpan.FromSeconds(5);
            }

            try
            {
                await SleepUntilAsync(wake, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        try
        {
            await listener;
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Enqueues every kind that is due and not already running; returns when to look again.</summary>
    private async Task<DateTimeOffset> PlanAsync(CancellationToken cancellationToken)
    {
        _ = signal.Take();
        NextDue next;
        await using (var scope = scopes.CreateAsyncScope())
        {
            next = await scope.ServiceProvider.GetRequiredService<DueSchedule>().NextAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        var wake = now + options.SafetyInterval;
        foreach (var registration in registrations)
        {
            if (next[registration.Kind] is not { } due)
            {
                continue;
            }

            if (registration.NotBefore?.Invoke(services) is { } notBefore && notBefore > due)
            {
                due = notBefore;
            }

            if (_runs.TryGetValue(registration.Kind, out var run))
            {
                if (run.JobId is not null && now - run.Since < options.InFlightTimeout && !Finished(run.JobId))
                {
                    wake = Min(wake, now + options.InFlightCheckInterval);
                    continue;
                }

                var resume = run.Since + run.Backoff;
                if (run.JobId is null && due <= now && resume > now)
                {
                    wake = Min(wake, resume);
                    continue;
                }
            }

            if (due > now)
            {
                wake = Min(wake, due);
                continue;
            }

            var jobId = jobs.Enqueue<DueWorkJob>(job => job.RunAsync(registration.Kind, CancellationToken.None));
            _runs[registration.Kind] = new Run(jobId, now, run?.Backoff ?? TimeSpan.Zero);
            LogEnqueued(logger, registration.Kind, due);
            wake = Min(wake, now + options.InFlightCheckInterval);
        }

        Interlocked.Increment(ref _plans);
        return wake;
    }

    /// <summary>Sleeps until <paramref name="wake"/>, or until a row is written that falls due sooner.</summary>
    private async Task SleepUntilAsync(DateTimeOffset wake, CancellationToken cancellationToken)
    {
        while (true)
        {
            var delay = wake - time.GetUtcNow();
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = Task.Delay(delay, time, stop.Token);
            var raised = signal.WaitAsync(stop.Token);
            var first = await Task.WhenAny(timer, raised);
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (first == timer)
            {
                return;
            }

            if (signal.Take() is { } sooner && sooner < wake)
            {
                return;
            }
        }
    }

    private bool Finished(string jobId)
    {
        using var connection = storage.GetConnection();
        var state = connection.GetStateData(jobId)?.Name;
        return state is null || state == SucceededState.StateName || state == FailedState.StateName || state == DeletedState.StateName;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Due {Kind} at {Due:O}: job enqueued")]
    private static partial void LogEnqueued(ILogger logger, DueWorkKind kind, DateTimeOffset due);

    [LoggerMessage(Level = LogLevel.Error, Message = "The due-work scheduler could not read the next due rows; trying again shortly")]
    private static partial void LogPlanFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection that listens for due rows ({Reason}); reconnecting")]
    private static partial void LogListenerLost(ILogger logger, string reason);
}

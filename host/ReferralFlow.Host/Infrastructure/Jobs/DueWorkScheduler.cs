using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;
using ReferralFlow.Workflows.Persistence.PostgreSql;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>
/// Starts work on due rows without polling: asks the database for the next due instant of each kind
/// (<see cref="DueSchedule"/> for the engine's rows, an <see cref="IDueWorkSource"/> for the host's), sleeps until the
/// earliest (on <see cref="TimeProvider"/>), and enqueues a Hangfire
/// <see cref="DueWorkJob"/> only for a kind that is due. A commit that writes a sooner row wakes it early: in this
/// process through <see cref="WorkflowDueSignal"/>, from other processes through PostgreSQL <c>NOTIFY</c>
/// (<see cref="PostgresDueListener"/>). It looks again at least every <see cref="JobsOptions.SafetyInterval"/> in case
/// a notification was lost. A kind still due while its job runs gets another job, up to <see cref="JobsOptions.WorkerCount"/>
/// at once, and a finished job makes it look again at once. One per host process; several hosts may enqueue the same
/// kind, and the jobs' row claims (<c>FOR UPDATE SKIP LOCKED</c>) share the rows out. Its jobs go to this process's own
/// queue (<see cref="DueWorkQueue"/>), so no other process's worker takes them.
/// </summary>
public sealed partial class DueWorkScheduler(
    IServiceProvider services, IServiceScopeFactory scopes, IBackgroundJobClient jobs, DueWorkQueue queue, WorkflowDueSignal signal, ClaimHolder holder,
    TimeProvider time, JobsOptions options, DatabaseOptions database, IEnumerable<DueWorkRegistration> registrations, ILogger<DueWorkScheduler> logger) : BackgroundService
{
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _runningHere = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _plans;

    /// <summary>How often the scheduler has looked at the due rows since it started (diagnostics and tests).</summary>
    public int Plans => Volatile.Read(ref _plans);

    /// <summary>A job this scheduler enqueued and when.</summary>
    private sealed record InFlight(string Id, DateTimeOffset Since);

    /// <summary>
    /// The jobs of one kind this scheduler has in flight, how long to hold off after an idle run (from when), and
    /// whether a job started alongside others found nothing (their rows are locked): then no more until one finishes.
    /// </summary>
    private sealed record Run(IReadOnlyList<InFlight> Jobs, DateTimeOffset Since, TimeSpan Backoff, bool AlongsideIdle)
    {
        public static readonly Run None = new([], DateTimeOffset.MinValue, TimeSpan.Zero, false);
    }

    /// <summary>A <see cref="DueWorkJob"/> started in this process: look again, another job may share the rest of the rows.</summary>
    public void Started(string kind, string? jobId)
    {
        if (jobId is not null)
        {
            lock (_gate)
            {
                _runningHere.Add(jobId);
            }
        }

        signal.Raise(DateTimeOffset.MinValue);
    }

    /// <summary>A <see cref="DueWorkJob"/> finished in this process: look again at once (or after a back-off when it found nothing to do).</summary>
    public void Completed(string kind, bool alongside, string? jobId, int processed)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (jobId is not null)
            {
                _runningHere.Remove(jobId);
            }

            var run = _runs.GetValueOrDefault(kind) ?? Run.None;
            var jobs = run.Jobs.Where(j => j.Id != jobId).ToList();
            if (processed == 0 && (alongside || jobs.Count > 0))
            {
                // Its siblings held the rows: that says nothing about the kind, only that one more job is no use now.
                _runs[kind] = run with { Jobs = jobs, AlongsideIdle = true };
            }
            else
            {
                // A run that handled nothing while rows are due (another process holds them, or they keep failing) is not repeated at once.
                var backoff = processed > 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Clamp(run.Backoff.Ticks * 2, TimeSpan.FromMilliseconds(250).Ticks, options.SafetyInterval.Ticks));
                _runs[kind] = new Run(jobs, now, backoff, AlongsideIdle: false);
            }
        }

        LogCompleted(logger, kind, processed, alongside);
        signal.Raise(DateTimeOffset.MinValue);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = database.Provider == DatabaseProvider.PostgreSql
            ? Task.Run(() => PostgresDueListener.ListenAsync(database.ConnectionString, signal, holder, ex => LogListenerLost(logger, ex.Message), stoppingToken), stoppingToken)
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
        var next = await NextDueAsync(cancellationToken);

        var now = time.GetUtcNow();
        var wake = now + options.SafetyInterval;
        foreach (var registration in registrations)
        {
            if (next.GetValueOrDefault(registration.Kind) is not { } due)
            {
                continue;
            }

            var gate = registration.NotBefore?.Invoke(services);
            if (gate is { } notBefore && notBefore > due)
            {
                due = notBefore;
            }

            var (live, started) = InFlightJobs(registration.Kind, now);
            if (live.Count > 0)
            {
                // Looks again shortly: a job enqueued here may have been taken by another process.
                wake = Min(wake, now + options.InFlightCheckInterval);
            }

            if (due > now)
            {
                wake = Min(wake, due);
                continue;
            }

            // Still due although jobs run: they hold a share of the rows (SKIP LOCKED), so another job takes the rest,
            // up to one per worker. A job that has not started yet has claimed nothing, so it gets no company.
            if (live.Count >= Math.Max(1, options.WorkerCount) || started < live.Count)
            {
                continue;
            }

            Run run;
            lock (_gate)
            {
                run = _runs.GetValueOrDefault(registration.Kind) ?? Run.None;
            }

            var alongside = live.Count > 0;
            if (alongside && run.AlongsideIdle)
            {
                continue;
            }

            // A kind held by its own gate (the mail breaker until its next probe) is paced by that gate alone: each
            // probe that finds the server still down handles nothing, and the idle back-off would put every next
            // probe later than the breaker asked (4 s late after five, so the backlog waited after the server was back).
            var resume = run.Since + run.Backoff;
            if (!alongside && gate is null && resume > now)
            {
                wake = Min(wake, resume);
                continue;
            }

            var jobId = jobs.Create(Job.FromExpression<DueWorkJob>(job => job.RunAsync(registration.Kind, alongside, null, CancellationToken.None)), new EnqueuedState(queue.Name));
            lock (_gate)
            {
                run = _runs.GetValueOrDefault(registration.Kind) ?? Run.None;
                _runs[registration.Kind] = run with { Jobs = [.. run.Jobs, new InFlight(jobId, now)], AlongsideIdle = alongside && run.AlongsideIdle };
            }

            LogEnqueued(logger, registration.Kind, due, live.Count + 1);
            wake = Min(wake, now + options.InFlightCheckInterval);
        }

        Interlocked.Increment(ref _plans);
        return wake;
    }

    /// <summary>The next due instant of each kind: the engine's kinds in one <see cref="DueSchedule"/> read, the host's from their sources.</summary>
    private async Task<Dictionary<string, DateTimeOffset?>> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var engine = registrations.Any(r => r.Engine is not null)
            ? await scope.ServiceProvider.GetRequiredService<DueSchedule>().NextAsync(cancellationToken)
            : null;
        var next = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            next[registration.Kind] = registration switch
            {
                { Engine: { } kind } => engine?[kind],
                { Source: { } source } => await ((IDueWorkSource)scope.ServiceProvider.GetRequiredService(source)).NextDueAsync(cancellationToken),
                _ => null,
            };
        }

        return next;
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

    /// <summary>
    /// The kind's jobs still in flight, and how many of them run in this process. A job counts while it runs here
    /// (started and not finished, for at most <see cref="JobsOptions.InFlightTimeout"/>) or for
    /// <see cref="JobsOptions.StartTimeout"/> after it was enqueued. Only this process's workers take from its queue, so
    /// one not started by then waits behind busy workers or was lost by the job storage: it stops holding the kind's slot
    /// and the kind may get another job.
    /// </summary>
    private (IReadOnlyList<InFlight> Live, int Started) InFlightJobs(string kind, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_runs.GetValueOrDefault(kind) is not { Jobs.Count: > 0 } run)
            {
                return ([], 0);
            }

            var live = run.Jobs.Where(j => now - j.Since < (_runningHere.Contains(j.Id) ? options.InFlightTimeout : options.StartTimeout)).ToList();
            _runs[kind] = run with { Jobs = live };
            return (live, live.Count(j => _runningHere.Contains(j.Id)));
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Due {Kind} at {Due:O}: job enqueued ({InFlight} in flight)")]
    private static partial void LogEnqueued(ILogger logger, string kind, DateTimeOffset due, int inFlight);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Due {Kind}: a job handled {Processed} row(s) (alongside others: {Alongside})")]
    private static partial void LogCompleted(ILogger logger, string kind, int processed, bool alongside);

    [LoggerMessage(Level = LogLevel.Error, Message = "The due-work scheduler could not read the next due rows; trying again shortly")]
    private static partial void LogPlanFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection that listens for due rows ({Reason}); reconnecting")]
    private static partial void LogListenerLost(ILogger logger, string reason);
}

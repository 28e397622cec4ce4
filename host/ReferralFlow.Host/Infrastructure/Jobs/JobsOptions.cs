namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary><c>Jobs:*</c>: whether this process runs a Hangfire server, with how many workers, and how often anything is polled.</summary>
public sealed class JobsOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Most jobs of one due-work kind at once; the Hangfire server runs one worker more, for the other kinds.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// How often a Hangfire worker looks at an empty queue. On PostgreSQL new jobs wake the workers at once
    /// (<c>LISTEN/NOTIFY</c>), so this is only a fallback; SQLite has no notification and polls at this interval.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The fallback queue poll on PostgreSQL, where <c>LISTEN/NOTIFY</c> announces new jobs.</summary>
    public TimeSpan QueueFallbackPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often Hangfire looks for delayed jobs (retries) and recurring jobs (daily ones only).</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The safety net: the scheduler looks at the due rows at least this often, even when no notification arrived
    /// (one was lost with a dropped connection, or a row was written by a process that sends none).
    /// </summary>
    public TimeSpan SafetyInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>While jobs the scheduler enqueued are in flight, how often it looks at the due rows again.</summary>
    public TimeSpan InFlightCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After this long a job running in this process no longer holds its kind's slot (it is assumed stuck) and the work is enqueued again.</summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A job the scheduler enqueued (on this process's own queue) that has not started after this long stops holding its
    /// kind's slot: its workers are busy with other kinds, or the job storage lost it.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most due timers fired by one job; the scheduler starts another for the rest.</summary>
    public int SweepBatchSize { get; set; } = 200;
}

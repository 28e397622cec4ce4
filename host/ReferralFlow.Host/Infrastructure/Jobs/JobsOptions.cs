namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary><c>Jobs:*</c>: whether this process runs a Hangfire server, with how many workers and how often it polls.</summary>
public sealed class JobsOptions
{
    public bool Enabled { get; set; } = true;

    public int WorkerCount { get; set; } = 2;

    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the sweeps run (Hangfire cron with a seconds field).</summary>
    public string SweepCron { get; set; } = "*/2 * * * * *";

    /// <summary>Most due timers fired by one sweep; the rest wait for the next one.</summary>
    public int SweepBatchSize { get; set; } = 200;
}

using System.Security.Cryptography;
using Hangfire;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>
/// The Hangfire queue of this process's due-work jobs, served by this process's server alone: a job the scheduler
/// enqueues runs here or not at all. On the shared default queue another host's worker could fetch it, and a host killed
/// right after kept it invisible while this scheduler waited out <see cref="JobsOptions.StartTimeout"/> (issue 18, chaos
/// (c): level-1 mails up to 3 s late). Recurring and retried jobs stay on the default queue, shared by every host.
/// </summary>
public sealed class DueWorkQueue
{
    public const string Prefix = "due_";

    /// <summary>Lower case, digits and underscores, as Hangfire requires; unique per process start.</summary>
    public string Name { get; } = $"{Prefix}{Environment.ProcessId}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>
    /// Deletes the jobs a killed process left in its due-work queue: a queue no live server serves, enqueued longer than
    /// <paramref name="olderThan"/> ago (a process just starting may enqueue before its server is announced). Its rows are
    /// not lost with it: they are still due, and the live schedulers enqueue them on their own queues.
    /// </summary>
    /// <returns>How many jobs were deleted.</returns>
    public static int RemoveOrphans(JobStorage storage, IBackgroundJobClient jobs, TimeSpan olderThan)
    {
        var monitoring = storage.GetMonitoringApi();
        var served = monitoring.Servers().SelectMany(s => s.Queues).ToHashSet(StringComparer.Ordinal);
        // Hangfire stamps jobs with the real clock, so the age is measured on it too.
        var before = DateTime.UtcNow - olderThan;
        var removed = 0;
        foreach (var queue in monitoring.Queues().Where(q => q.Name.StartsWith(Prefix, StringComparison.Ordinal) && !served.Contains(q.Name)))
        {
            foreach (var job in monitoring.EnqueuedJobs(queue.Name, 0, (int)Math.Min(queue.Length, 1000)))
            {
                if (job.Value.InEnqueuedState && job.Value.EnqueuedAt < before && jobs.Delete(job.Key))
                {
                    removed++;
                }
            }
        }

        return removed;
    }
}

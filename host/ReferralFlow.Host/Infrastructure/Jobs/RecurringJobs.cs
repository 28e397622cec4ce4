using System.Linq.Expressions;
using Hangfire;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>A recurring job a feature contributes; <see cref="RecurringJobsRegistration"/> registers them all when the server starts.</summary>
public sealed record RecurringJob(string Id, Action<IRecurringJobManager, JobsOptions> Register);

public static class RecurringJobs
{
    /// <summary>
    /// Runs <paramref name="run"/> on <typeparamref name="TJob"/> (a scoped service) by <paramref name="cron"/> (UTC).
    /// Keep these rare: work on rows that fall due belongs to <see cref="DueWorkScheduler"/>, which does not poll.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, Expression<Func<TJob, Task>> run, string cron) =>
        services.AddSingleton(new RecurringJob(id, (manager, _) => manager.AddOrUpdate(id, run, cron)));
}

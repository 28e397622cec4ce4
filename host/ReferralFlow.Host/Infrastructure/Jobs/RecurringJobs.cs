using System.Linq.Expressions;
using Hangfire;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>A recurring job a feature contributes; <see cref="RecurringJobsRegistration"/> registers them all when the server starts.</summary>
public sealed record RecurringJob(string Id, Action<IRecurringJobManager, JobsOptions> Register);

public static class RecurringJobs
{
    /// <summary>
    /// Runs <paramref name="run"/> on <typeparamref name="TJob"/> (a scoped service) by <paramref name="cron"/>, or by
    /// <c>Jobs:SweepCron</c> when none is given (Hangfire cron with a seconds field, UTC).
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, Expression<Func<TJob, Task>> run, string? cron = null) =>
        services.AddSingleton(new RecurringJob(id, (manager, options) => manager.AddOrUpdate(id, run, cron ?? options.SweepCron)));
}

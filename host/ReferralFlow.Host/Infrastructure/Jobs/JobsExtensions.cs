using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.States;
using Hangfire.Storage.SQLite;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Jobs;

public static class JobsExtensions
{
    /// <summary>Hangfire on the same provider as the data (SQLite file or PostgreSQL schema <c>hangfire</c>), and its server.</summary>
    public static IServiceCollection AddReferralFlowJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var jobs = configuration.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();
        var queue = new DueWorkQueue();
        services.AddSingleton(jobs);
        services.AddSingleton(queue);
        services.AddHangfire((sp, config) =>
        {
            var database = sp.GetRequiredService<DatabaseOptions>();
            HangfireLogBridge.Attach(sp.GetRequiredService<ILoggerFactory>());
            config.UseLogProvider(HangfireLogBridge.Instance)
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString), new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    // Workers wait on LISTEN/NOTIFY for new jobs; the poll is only a fallback.
                    EnableLongPolling = true,
                    QueuePollInterval = jobs.QueueFallbackPollInterval,
                    PrepareSchemaIfNecessary = true,
                });
            }
            else
            {
                config.UseSQLiteStorage(Path.Combine(database.DataDirectory, "hangfire.db"), new SQLiteStorageOptions
                {
                    QueuePollInterval = jobs.PollingInterval,
                });
            }
        });
        if (jobs.Enabled)
        {
            services.AddHangfireServer((_, o) =>
            {
                // One more worker than any one kind may use (DueWorkScheduler runs up to WorkerCount jobs of a kind), so a
                // sweep never waits for a worker behind dispatchers draining a deep outbox.
                o.WorkerCount = jobs.WorkerCount + 1;
                // Delayed (retried) and recurring (daily) jobs only: due rows are the scheduler's, not Hangfire's.
                o.SchedulePollingInterval = jobs.SchedulePollingInterval;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                o.Queues = [queue.Name, EnqueuedState.DefaultQueue];
            });
            services.AddHostedService<RecurringJobsRegistration>();
            services.AddHostedService(sp => sp.GetRequiredService<DueWorkScheduler>());
            services.AddHostedService<OrphanedDueJobs>();
        }

        services.AddSingleton<DueWorkScheduler>();
        services.AddScoped<DueWorkJob>();
        services.AddDueWork<DueTimerSweep>(DueWorkKind.Timers);
        services.AddScoped<IStartupTask, EnsureJobStorage>();
        services.AddHealthChecks().AddCheck<HangfireHealthCheck>("jobs");
        return services;
    }

    /// <summary>The Hangfire dashboard at <c>/hangfire</c>, for system administrators only.</summary>
    public static WebApplication MapReferralFlowJobs(this WebApplication app)
    {
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new SystemAdminDashboardFilter()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "ReferralFlow jobs",
        });
        return app;
    }
}

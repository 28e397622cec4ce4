using Hangfire;
using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>
/// Creates Hangfire's storage (and on PostgreSQL its schema) during start-up, under the start-up lock, rather than when
/// the server first touches it — two processes installing the schema at once fail.
/// </summary>
internal sealed class EnsureJobStorage : IStartupTask
{
    public int Order => 10;

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();
        return Task.CompletedTask;
    }
}

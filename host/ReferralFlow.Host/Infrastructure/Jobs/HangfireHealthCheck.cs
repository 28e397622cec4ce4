using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>Healthy when the job storage answers and, if this process runs a server, at least one server is alive.</summary>
internal sealed class HangfireHealthCheck(JobStorage storage, JobsOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            return Task.FromResult(options.Enabled && servers.Count == 0
                ? HealthCheckResult.Degraded("No Hangfire server is running.")
                : HealthCheckResult.Healthy($"{servers.Count} server(s)."));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Job storage unavailable."));
        }
    }
}

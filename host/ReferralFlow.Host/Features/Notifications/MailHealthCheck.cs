using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// <c>/health</c> entry <c>mail</c>: degraded while this process's mail server is unreachable (since when, the last
/// error) or while a pending message has waited longer than <see cref="NotificationOptions.StuckAfter"/>.
/// </summary>
internal sealed class MailHealthCheck(MailCircuitBreaker breaker, WorkflowReadModel read, TimeProvider time, IOptions<NotificationOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (breaker.Open is { } open)
        {
            return HealthCheckResult.Degraded(
                $"The mail server is unreachable since {open.Since:O} ({open.FailedProbes} failed probe(s)): {open.LastError}",
                data: new Dictionary<string, object> { ["since"] = open.Since, ["nextProbe"] = open.NextProbe, ["lastError"] = open.LastError });
        }

        var stuckBefore = time.GetUtcNow() - options.Value.StuckAfter;
        var stuck = await read.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt < stuckBefore, cancellationToken);
        return stuck > 0
            ? HealthCheckResult.Degraded($"{stuck} message(s) due for more than {options.Value.StuckAfter} are not sent.")
            : HealthCheckResult.Healthy();
    }
}

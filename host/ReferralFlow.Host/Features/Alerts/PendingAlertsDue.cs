using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Jobs;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>When the <see cref="AlertMailer"/> has work: the end of the oldest pending alert's minute (index <c>ix_pending_alerts_created</c>).</summary>
internal sealed class PendingAlertsDue(ReferralFlowDbContext db) : IDueWorkSource
{
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        await db.PendingAlerts.AsNoTracking().OrderBy(a => a.CreatedAt).Select(a => (DateTimeOffset?)a.CreatedAt).FirstOrDefaultAsync(cancellationToken) is { } oldest
            ? AlertMailer.DueAt(oldest)
            : null;
}

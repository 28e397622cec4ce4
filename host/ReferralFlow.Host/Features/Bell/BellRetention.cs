using Hangfire;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Features.Bell;

/// <summary>Daily: bell entries older than 90 days are deleted, in batches, read or not.</summary>
public sealed class BellRetention(ReferralFlowDbContext db, TimeProvider time)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(90);

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 2)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - KeptFor;
        var deleted = 0;
        while (true)
        {
            var ids = await db.UserNotifications.AsNoTracking().Where(n => n.CreatedAt < before).OrderBy(n => n.CreatedAt).Select(n => n.Id).Take(5000).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return deleted;
            }

            deleted += await db.UserNotifications.Where(n => ids.Contains(n.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }
}

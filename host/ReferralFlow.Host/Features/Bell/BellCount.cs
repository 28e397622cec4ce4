using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Features.Bell;

/// <summary>The header's unread count: one query over the (user, read) index, computed when a page renders — no polling.</summary>
public static class BellCount
{
    /// <summary>Counted up to 100 (the header shows "99+"), so the cost stays bounded.</summary>
    public static Task<int> UnreadAsync(ReferralFlowDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.UserNotifications.AsNoTracking().Where(n => n.UserId == userId && n.ReadAt == null).Take(100).CountAsync(cancellationToken);
}

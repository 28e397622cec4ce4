using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Bell;

/// <summary>
/// <c>POST /api/notifications/{id}/read</c> marks one of my entries read (someone else's: 404);
/// <c>POST /api/notifications/read-all</c> marks all of mine. Both are idempotent.
/// </summary>
public sealed class MarkBellRead(CurrentUser user, ReferralFlowDbContext db, TimeProvider time)
{
    public sealed record Response(int Unread);

    public async Task<Response> OneAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = user.Id;
        if (!await db.UserNotifications.AnyAsync(n => n.Id == id && n.UserId == me, cancellationToken))
        {
            throw ApiException.NotFound(ProblemCode.NotificationNotFound);
        }

        var now = time.GetUtcNow();
        await db.UserNotifications.Where(n => n.Id == id && n.UserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return new(await BellCount.UnreadAsync(db, me, cancellationToken));
    }

    public async Task<Response> AllAsync(CancellationToken cancellationToken)
    {
        var me = user.Id;
        var now = time.GetUtcNow();
        await db.UserNotifications.Where(n => n.UserId == me && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return new(0);
    }

    /// <summary>Marks my entries about a task read: opening the task is reading its news.</summary>
    public async Task TaskOpenedAsync(Guid taskRowId, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
        {
            return;
        }

        var me = user.Id;
        var now = time.GetUtcNow();
        await db.UserNotifications.Where(n => n.UserId == me && n.TaskRowId == taskRowId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Infrastructure.Auth;

/// <summary>
/// Ends sessions and their refresh tokens: one on sign-out or refresh-token reuse, all of a user's on deactivation,
/// password or role change. The cookie or bearer token of a revoked session is refused from the next request on.
/// </summary>
public sealed class SessionRevocation(ReferralFlowDbContext db, UserSessions sessions, TimeProvider time)
{
    public const string SignedOut = "signed-out";
    public const string PasswordChanged = "password-changed";
    public const string Deactivated = "deactivated";
    public const string RolesChanged = "roles-changed";
    public const string RefreshTokenReused = "refresh-token-reused";
    public const string TwoFactorReset = "two-factor-reset";

    public Task<int> RevokeAsync(Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        sessions.Forget(sessionId);
        return RevokeWhereAsync(db.UserSessions.Where(s => s.Id == sessionId), reason, cancellationToken);
    }

    /// <summary>Revokes every live session of the user, but <paramref name="except"/> (the one the change was made in).</summary>
    public Task<int> RevokeAllAsync(Guid userId, string reason, CancellationToken cancellationToken, Guid? except = null)
    {
        var query = db.UserSessions.Where(s => s.UserId == userId);
        if (except is { } keep)
        {
            query = query.Where(s => s.Id != keep);
        }

        return RevokeWhereAsync(query, reason, cancellationToken);
    }

    private async Task<int> RevokeWhereAsync(IQueryable<UserSession> query, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var live = query.Where(s => s.RevokedAt == null);
        var ids = await live.Select(s => s.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        await db.RefreshTokens.Where(t => ids.Contains(t.FamilyId) && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken);
        var revoked = await db.UserSessions.Where(s => ids.Contains(s.Id) && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), cancellationToken);
        foreach (var id in ids)
        {
            sessions.Forget(id);
        }

        return revoked;
    }
}

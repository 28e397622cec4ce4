using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Infrastructure.Auth;

/// <summary>
/// Opens sessions and answers whether one is still live. The check is one primary-key query per request (memoised for
/// the rest of the request), so revocation takes effect on the next request in every host process.
/// </summary>
public sealed class UserSessions(ReferralFlowDbContext db, TimeProvider time, IOptions<AuthOptions> options)
{
    /// <summary>The claim that carries the session id in cookies and access tokens.</summary>
    public const string SessionClaim = "rf:sid";

    // Writing the last use on every request would turn each read into a write; a minute is finer than any idle timeout.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<Guid, bool> _checked = [];

    public static Guid? SessionId(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(SessionClaim), out var id) ? id : null;

    public async Task<UserSession> StartAsync(User user, SessionKind kind, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var auth = options.Value;
        // Ended sessions of this user are of no further use (their tokens are refused either way).
        await db.UserSessions.Where(s => s.UserId == user.Id && (s.ExpiresAt < now || s.RevokedAt < now - TimeSpan.FromDays(1)))
            .ExecuteDeleteAsync(cancellationToken);
        var session = new UserSession
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            Kind = kind,
            SecurityStamp = user.SecurityStamp ?? "",
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + (kind == SessionKind.Cookie ? auth.CookieLifetime : auth.RefreshTokenLifetime),
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>True while the session is live; notes its use (at most once a minute).</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (_checked.TryGetValue(sessionId, out var known))
        {
            return known;
        }

        var now = time.GetUtcNow();
        var row = await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new
            {
                s.Kind,
                s.SecurityStamp,
                s.LastSeenAt,
                s.ExpiresAt,
                s.RevokedAt,
                UserStamp = u.SecurityStamp,
                u.IsActive,
                u.LockoutEnabled,
                u.LockoutEnd,
            })
            .SingleOrDefaultAsync(cancellationToken);
        var active = row is not null
            && row.RevokedAt is null
            && row.ExpiresAt > now
            && now - row.LastSeenAt < IdleTimeout(row.Kind)
            && row.IsActive
            && !(row.LockoutEnabled && row.LockoutEnd > now)
            && row.SecurityStamp == (row.UserStamp ?? "");
        if (active && now - row!.LastSeenAt >= TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == sessionId && s.LastSeenAt < now - TouchInterval)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        _checked[sessionId] = active;
        return active;
    }

    /// <summary>Keeps a session live across a new security stamp (the password change made in it).</summary>
    public async Task AdoptStampAsync(Guid sessionId, string stamp, CancellationToken cancellationToken)
    {
        await db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SecurityStamp, stamp), cancellationToken);
        _checked.Remove(sessionId);
    }

    internal void Forget(Guid sessionId) => _checked.Remove(sessionId);

    private TimeSpan IdleTimeout(SessionKind kind) =>
        kind == SessionKind.Cookie ? options.Value.CookieIdleTimeout : options.Value.RefreshTokenIdleTimeout;
}

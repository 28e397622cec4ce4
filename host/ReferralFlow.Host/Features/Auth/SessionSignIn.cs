using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// Opens and ends sessions: a cookie for the browser, or an access token with a refresh token for API clients;
/// rotates refresh tokens and treats a reused one as stolen (the whole session ends).
/// </summary>
public sealed class SessionSignIn(
    ReferralFlowDbContext db, SignInManager<User> signIn, UserSessions sessions, SessionRevocation revocation, AccessTokens access,
    TimeProvider time, IOptions<AuthOptions> options)
{
    public async Task StartCookieAsync(User user, CancellationToken cancellationToken)
    {
        var session = await sessions.StartAsync(user, SessionKind.Cookie, cancellationToken);
        await SignInCookieAsync(user, session.Id);
    }

    /// <summary>Re-issues the cookie of an existing session (after a password change renewed the security stamp).</summary>
    public Task SignInCookieAsync(User user, Guid sessionId) =>
        signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(UserSessions.SessionClaim, sessionId.ToString()), new Claim("amr", "pwd")]);

    public async Task<TokenResponse> StartBearerAsync(User user, CancellationToken cancellationToken)
    {
        var session = await sessions.StartAsync(user, SessionKind.Bearer, cancellationToken);
        return await IssueAsync(user, session, cancellationToken);
    }

    /// <summary>New tokens for a live refresh token (which is consumed); null for an unknown, expired or reused one.</summary>
    public async Task<TokenResponse?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = await FindAsync(refreshToken, cancellationToken);
        if (token is null)
        {
            return null;
        }

        if (token.UsedAt is not null)
        {
            // Used before: either the client or a thief holds a copy. Neither may go on.
            await revocation.RevokeAsync(token.FamilyId, SessionRevocation.RefreshTokenReused, cancellationToken);
            return null;
        }

        if (token.RevokedAt is not null || token.ExpiresAt <= now || !await sessions.IsActiveAsync(token.FamilyId, cancellationToken))
        {
            return null;
        }

        // Consumed in one conditional update: of two requests racing with the same token only one wins, the other is a reuse.
        var consumed = await db.RefreshTokens.Where(t => t.Id == token.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (consumed == 0)
        {
            await revocation.RevokeAsync(token.FamilyId, SessionRevocation.RefreshTokenReused, cancellationToken);
            return null;
        }

        var session = await db.UserSessions.SingleAsync(s => s.Id == token.FamilyId, cancellationToken);
        var user = await signIn.UserManager.FindByIdAsync(session.UserId.ToString());
        if (user is null)
        {
            return null;
        }

        session.LastSeenAt = now;
        return await IssueAsync(user, session, cancellationToken);
    }

    /// <summary>The session a refresh token belongs to, whatever its state.</summary>
    public async Task<Guid?> FamilyOfAsync(string refreshToken, CancellationToken cancellationToken) =>
        (await FindAsync(refreshToken, cancellationToken))?.FamilyId;

    private Task<RefreshToken?> FindAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = Hash(refreshToken);
        return db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
    }

    private async Task<TokenResponse> IssueAsync(User user, UserSession session, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(UserSessions.SessionClaim, session.Id.ToString()));
        var refreshToken = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expiresAt = Min(now + options.Value.RefreshTokenIdleTimeout, session.ExpiresAt);
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(now),
            FamilyId = session.Id,
            TokenHash = Hash(refreshToken),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new TokenResponse("Bearer", access.Issue(principal), (int)access.Lifetime.TotalSeconds, refreshToken, expiresAt);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

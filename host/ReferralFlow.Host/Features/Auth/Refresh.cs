using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// Exchanges a refresh token for a new access token and a new refresh token (<c>POST /api/auth/refresh</c>); the old one
/// is used up. Presenting a used refresh token again ends the whole session, since a copy is in someone's hands.
/// </summary>
public sealed class Refresh(SessionSignIn sessions)
{
    /// <summary>The new tokens, or null when the refresh token is unknown, used, expired or its session has ended.</summary>
    public async Task<TokenResponse?> HandleAsync(RefreshTokenRequest request, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(request.RefreshToken)
            ? throw ApiException.Invalid("refreshToken", ProblemCode.RefreshTokenRequired)
            : await sessions.RefreshAsync(request.RefreshToken.Trim(), cancellationToken);
}

using Microsoft.AspNetCore.Http.HttpResults;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// <c>POST /api/auth/refresh</c>: exchanges a refresh token for a new access token and a new refresh token; the old one
/// is used up. Presenting a used refresh token again ends the whole session (401), since a copy is in someone's hands.
/// </summary>
internal static class Refresh
{
    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> HandleAsync(
        RefreshTokenRequest request, SessionSignIn sessions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            throw ApiException.Invalid("refreshToken", "The refresh token is required.");
        }

        return await sessions.RefreshAsync(request.RefreshToken.Trim(), cancellationToken) is { } tokens
            ? TypedResults.Ok(tokens)
            : TypedResults.Problem(
                title: "Refresh failed",
                detail: "The refresh token is not valid, has expired, was already used or its session has ended; sign in again.",
                statusCode: StatusCodes.Status401Unauthorized);
    }
}

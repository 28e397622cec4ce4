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
        RefreshTokenRequest request, HttpContext http, SessionSignIn sessions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            throw ApiException.Invalid("refreshToken", ProblemCode.RefreshTokenRequired);
        }

        return await sessions.RefreshAsync(request.RefreshToken.Trim(), cancellationToken) is { } tokens
            ? TypedResults.Ok(tokens)
            : ApiProblem.Result(http, StatusCodes.Status401Unauthorized, ProblemCode.RefreshFailed);
    }
}

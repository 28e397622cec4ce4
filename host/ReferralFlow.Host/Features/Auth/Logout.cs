using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// <c>POST /api/auth/logout</c>: ends the session of the caller's cookie or access token (and removes the cookie), and
/// the session of a refresh token sent as <c>{"refreshToken": "…"}</c>. Its access and refresh tokens stop working at once.
/// </summary>
internal static class Logout
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        HttpContext http, CurrentUser me, SessionSignIn sessions, SessionRevocation revocation, CancellationToken cancellationToken)
    {
        var ended = new HashSet<Guid>();
        if (me.IsAuthenticated && me.SessionId is { } current)
        {
            ended.Add(current);
        }

        if (http.Request.ContentLength > 0 || http.Request.HasJsonContentType())
        {
            var request = await ReadAsync(http, cancellationToken);
            // The body is read here rather than bound, so the API's resident-number filter does not see it.
            ProblemErrors.ThrowIfResidentNumber(("refreshToken", request?.RefreshToken));
            if (!string.IsNullOrWhiteSpace(request?.RefreshToken) && await sessions.FamilyOfAsync(request.RefreshToken.Trim(), cancellationToken) is { } family)
            {
                ended.Add(family);
            }
        }

        if (ended.Count == 0)
        {
            return ApiProblem.Result(http, StatusCodes.Status401Unauthorized, ProblemCode.LogoutWithoutSession);
        }

        foreach (var session in ended)
        {
            await revocation.RevokeAsync(session, SessionRevocation.SignedOut, cancellationToken);
        }

        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<LogoutRequest?> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return await http.Request.ReadFromJsonAsync<LogoutRequest>(cancellationToken);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw BadRequests.Describe(ex);
        }
        catch (InvalidOperationException)
        {
            throw ApiException.Invalid("refreshToken", ProblemCode.LogoutBodyInvalid);
        }
    }
}

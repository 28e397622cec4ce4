using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// Sign-out (<c>POST /api/auth/logout</c>): ends the session of the caller's cookie or access token, and the session of a
/// refresh token sent as <c>{"refreshToken": "…"}</c>. Its access and refresh tokens stop working at once.
/// </summary>
public sealed class Logout(CurrentUser me, SessionSignIn sessions, SessionRevocation revocation)
{
    /// <summary>Ends the sessions; false when there was none to end (no session on the request, no known refresh token).</summary>
    public async Task<bool> HandleAsync(LogoutRequest? request, CancellationToken cancellationToken)
    {
        var ended = new HashSet<Guid>();
        if (me.IsAuthenticated && me.SessionId is { } current)
        {
            ended.Add(current);
        }

        // The body is read by the endpoint rather than bound, so the API's resident-number filter does not see it.
        ProblemErrors.ThrowIfResidentNumber(("refreshToken", request?.RefreshToken));
        if (!string.IsNullOrWhiteSpace(request?.RefreshToken) && await sessions.FamilyOfAsync(request.RefreshToken.Trim(), cancellationToken) is { } family)
        {
            ended.Add(family);
        }

        foreach (var session in ended)
        {
            await revocation.RevokeAsync(session, SessionRevocation.SignedOut, cancellationToken);
        }

        return ended.Count > 0;
    }
}

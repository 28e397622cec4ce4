using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// The signed-in worker changes their password (<c>POST /api/auth/password</c>). Every other session of theirs ends at
/// once (cookies, access and refresh tokens); the one the change was made in goes on.
/// </summary>
public sealed class ChangePassword(CurrentUser me, UserManager<User> users, UserSessions sessions, SessionRevocation revocation, SessionSignIn signIns)
{
    /// <param name="request">The current and the new password.</param>
    /// <param name="reissueCookie">The request came with the sign-in cookie, which carries the old security stamp.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public async Task HandleAsync(ChangePasswordRequest request, bool reissueCookie, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
        {
            throw ApiException.Invalid(string.IsNullOrEmpty(request.CurrentPassword) ? "currentPassword" : "newPassword", ProblemCode.PasswordsRequired);
        }

        var user = await users.FindByIdAsync(me.Id.ToString()) ?? throw new ApiException(StatusCodes.Status401Unauthorized, ProblemCode.Unauthorized, ProblemCode.Unauthorized);
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
        {
            throw ApiException.Invalid(result.Errors
                .GroupBy(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword")
                .ToDictionary(g => g.Key, g => g.Select(e => PasswordProblems.Describe(e, users.Options.Password)).ToArray(), StringComparer.Ordinal));
        }

        var current = me.SessionId;
        await revocation.RevokeAllAsync(user.Id, SessionRevocation.PasswordChanged, cancellationToken, except: current);
        if (current is { } session)
        {
            await sessions.AdoptStampAsync(session, user.SecurityStamp ?? "", cancellationToken);
            if (reissueCookie)
            {
                // The periodic stamp check would otherwise end this session too.
                await signIns.SignInCookieAsync(user, session);
            }
        }
    }
}

using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// Sign-in with email and password (<c>POST /api/auth/login</c>). Answers an access token and a refresh token for the
/// API; with <c>useCookies</c> signs the browser in with a cookie instead. An account with two-factor sign-in also sends
/// <c>twoFactorCode</c> (its authenticator's code) or <c>recoveryCode</c>: without one the refusal is
/// <c>two-factor-required</c>, a wrong one <c>two-factor-invalid</c>, and no token either way. Every other failure is the
/// same refusal; repeated failures from one address make that address wait, see <see cref="SignInThrottling"/>.
/// </summary>
public sealed class Login(PasswordSignIn passwords, SessionSignIn sessions)
{
    /// <summary>Signed in (with tokens unless a cookie was asked for), refused with a code, or told to wait.</summary>
    public sealed record Outcome(TokenResponse? Tokens, ProblemCode? Refusal, TimeSpan? RetryAfter);

    public async Task<Outcome> HandleAsync(LoginRequest request, bool useCookies, string clientAddress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            throw ApiException.Invalid(string.IsNullOrWhiteSpace(request.Email) ? "email" : "password", ProblemCode.CredentialsRequired);
        }

        var outcome = await passwords.CheckAsync(request.Email, request.Password, clientAddress, cancellationToken, request.TwoFactorCode, request.RecoveryCode);
        if (outcome.RetryAfter is { } wait)
        {
            return new Outcome(null, null, wait);
        }

        if (outcome.User is not { } user)
        {
            return new Outcome(null, outcome.SecondFactor switch
            {
                SecondFactor.Missing => ProblemCode.TwoFactorRequired,
                SecondFactor.Invalid => ProblemCode.TwoFactorInvalid,
                _ => ProblemCode.SignInFailed,
            }, null);
        }

        if (useCookies)
        {
            await sessions.StartCookieAsync(user, cancellationToken);
            return new Outcome(null, null, null);
        }

        return new Outcome(await sessions.StartBearerAsync(user, cancellationToken), null, null);
    }
}

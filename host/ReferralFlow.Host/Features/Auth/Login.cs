using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// <c>POST /api/auth/login</c> with email and password. Answers an access token and a refresh token for the API (use
/// the access token from curl as <c>Authorization: Bearer …</c>); with <c>?useCookies=true</c> signs the browser in with
/// a cookie instead (204). An account with two-factor sign-in also sends <c>twoFactorCode</c> (its authenticator's
/// code) or <c>recoveryCode</c>: without one 401 <c>two-factor-required</c>, a wrong one 401 <c>two-factor-invalid</c>,
/// and no token either way. Every other failure is the same 401; repeated failures from one address make that address wait
/// (429 with <c>Retry-After</c>), see <see cref="SignInThrottling"/>.
/// </summary>
internal static class Login
{

    public static async Task<Results<Ok<TokenResponse>, NoContent, ProblemHttpResult>> HandleAsync(
        LoginRequest request, bool? useCookies, HttpContext http, PasswordSignIn passwords, SessionSignIn sessions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            throw ApiException.Invalid(string.IsNullOrWhiteSpace(request.Email) ? "email" : "password", ProblemCode.CredentialsRequired);
        }

        var outcome = await passwords.CheckAsync(
            request.Email, request.Password, SignInThrottling.ClientAddress(http), cancellationToken, request.TwoFactorCode, request.RecoveryCode);
        if (outcome.RetryAfter is { } wait)
        {
            return TooManyAttempts(http, wait);
        }

        if (outcome.User is not { } user)
        {
            return ApiProblem.Result(http, StatusCodes.Status401Unauthorized, outcome.SecondFactor switch
            {
                SecondFactor.Missing => ProblemCode.TwoFactorRequired,
                SecondFactor.Invalid => ProblemCode.TwoFactorInvalid,
                _ => ProblemCode.SignInFailed,
            });
        }

        if (useCookies == true)
        {
            await sessions.StartCookieAsync(user, cancellationToken);
            return TypedResults.NoContent();
        }

        return TypedResults.Ok(await sessions.StartBearerAsync(user, cancellationToken));
    }

    internal static ProblemHttpResult TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblem.Result(
            http, StatusCodes.Status429TooManyRequests, ProblemCode.SignInBackOff.With(seconds), new Dictionary<string, object?> { ["retryAfter"] = seconds });
    }
}

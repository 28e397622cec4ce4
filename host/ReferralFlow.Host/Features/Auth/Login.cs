using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// <c>POST /api/auth/login</c> with email and password. Answers an access token and a refresh token for the API (use
/// the access token from curl as <c>Authorization: Bearer …</c>); with <c>?useCookies=true</c> signs the browser in with
/// a cookie instead (204). Every failure is the same 401; repeated failures from one address make that address wait
/// (429 with <c>Retry-After</c>), see <see cref="SignInThrottling"/>.
/// </summary>
internal static class Login
{
    public const string FailedTitle = "Sign-in failed";
    public const string FailedDetail = "The email or password is not correct.";

    public static async Task<Results<Ok<TokenResponse>, NoContent, ProblemHttpResult>> HandleAsync(
        LoginRequest request, bool? useCookies, HttpContext http, PasswordSignIn passwords, SessionSignIn sessions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            throw ApiException.Invalid(new Dictionary<string, string[]>
            {
                [string.IsNullOrWhiteSpace(request.Email) ? "email" : "password"] = ["Email and password are required."],
            });
        }

        var outcome = await passwords.CheckAsync(request.Email, request.Password, SignInThrottling.ClientAddress(http), cancellationToken);
        if (outcome.RetryAfter is { } wait)
        {
            return TooManyAttempts(http, wait);
        }

        if (outcome.User is not { } user)
        {
            return TypedResults.Problem(title: FailedTitle, detail: FailedDetail, statusCode: StatusCodes.Status401Unauthorized);
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
        return TypedResults.Problem(
            title: "Too many sign-in attempts",
            detail: $"Too many failed sign-ins from this address; try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests,
            extensions: new Dictionary<string, object?> { ["code"] = "sign-in-back-off", ["retryAfter"] = seconds });
    }
}

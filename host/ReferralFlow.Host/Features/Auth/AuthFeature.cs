using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Features.Auth.TwoFactor;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

public static class AuthFeature
{
    public static IServiceCollection AddAuthFeature(this IServiceCollection services) =>
        services.AddScoped<IStartupTask, EnsureRoles>().AddScoped<IStartupTask, BootstrapAdministrator>()
            .AddScoped<PasswordSignIn>().AddScoped<SessionSignIn>().AddScoped<UserAccounts>()
            .AddScoped<Login>().AddScoped<Refresh>().AddScoped<Logout>().AddScoped<ChangePassword>().AddScoped<Me>()
            .AddScoped<TwoFactorRules>().AddScoped<AuthenticatorEnrolment>();

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder group)
    {
        group.MapPost("/login", async Task<Results<Ok<TokenResponse>, NoContent, ProblemHttpResult>> (
                LoginRequest request, bool? useCookies, HttpContext http, [FromServices] Login handler, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(request, useCookies == true, SignInThrottling.ClientAddress(http), ct);
                return outcome switch
                {
                    { RetryAfter: { } wait } => TooManyAttempts(http, wait),
                    { Refusal: { } code } => ApiProblem.Result(http, StatusCodes.Status401Unauthorized, code),
                    { Tokens: { } tokens } => TypedResults.Ok(tokens),
                    _ => TypedResults.NoContent(),
                };
            })
            .WithName(nameof(Login)).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(new LoginRequest("nangok-dong.worker@demo.referralflow.kr", "your password"))
            .WithSummary("Sign in with email and password; returns an access token and a refresh token (or, with useCookies=true, sets the cookie).");
        group.MapPost("/refresh", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (
                RefreshTokenRequest request, HttpContext http, [FromServices] Refresh handler, CancellationToken ct) =>
                await handler.HandleAsync(request, ct) is { } tokens
                    ? TypedResults.Ok(tokens)
                    : ApiProblem.Result(http, StatusCodes.Status401Unauthorized, ProblemCode.RefreshFailed))
            .WithName(nameof(Refresh)).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Exchange a refresh token for new tokens; each refresh token works once.");
        group.MapPost("/logout", async Task<Results<NoContent, ProblemHttpResult>> (HttpContext http, [FromServices] Logout handler, CancellationToken ct) =>
            {
                var request = http.Request.ContentLength > 0 || http.Request.HasJsonContentType() ? await ReadLogoutAsync(http, ct) : null;
                if (!await handler.HandleAsync(request, ct))
                {
                    return ApiProblem.Result(http, StatusCodes.Status401Unauthorized, ProblemCode.LogoutWithoutSession);
                }

                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                return TypedResults.NoContent();
            })
            .WithName(nameof(Logout)).AllowAnonymous().Accepts<LogoutRequest>(isOptional: true, "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("End the session of this cookie or access token (and of a refresh token sent in the body).");
        group.MapPost("/password", async (ChangePasswordRequest request, HttpContext http, [FromServices] ChangePassword handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(request, reissueCookie: !AuthExtensions.UsesBearer(http.Request), ct);
                return Results.NoContent();
            })
            .WithName(nameof(ChangePassword)).RequireAuthorization().Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Change your password; your other sessions end at once.");
        group.MapGet("/me", ([FromServices] Me handler) => handler.Handle()).WithName(nameof(Me)).RequireAuthorization().WithSummary("The signed-in worker.");
        group.MapGet("/two-factor", ([FromServices] AuthenticatorEnrolment enrolment) => enrolment.StatusAsync()).RequireAuthorization()
            .WithName("GetTwoFactorStatus").WithSummary("Whether my account uses two-factor sign-in, must use it, and how many recovery codes are left.");
        group.MapPost("/two-factor/authenticator", ([FromServices] AuthenticatorEnrolment enrolment) => enrolment.StartAsync()).RequireAuthorization()
            .WithName("StartAuthenticatorSetup").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Begin setting up an authenticator app: a new shared key and its otpauth:// URI (409 once two-factor sign-in is on).");
        group.MapPost("/two-factor/authenticator/verify", (VerifyAuthenticatorRequest request, [FromServices] AuthenticatorEnrolment enrolment) => enrolment.VerifyAsync(request.Code))
            .RequireAuthorization().WithName("VerifyAuthenticator").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(new VerifyAuthenticatorRequest("123456"))
            .WithSummary("Confirm the set-up with the app's code: two-factor sign-in is on; answers 10 recovery codes, shown only this once.");
        return group;
    }

    private static ProblemHttpResult TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblem.Result(
            http, StatusCodes.Status429TooManyRequests, ProblemCode.SignInBackOff.With(seconds), new Dictionary<string, object?> { ["retryAfter"] = seconds });
    }

    private static async Task<LogoutRequest?> ReadLogoutAsync(HttpContext http, CancellationToken cancellationToken)
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

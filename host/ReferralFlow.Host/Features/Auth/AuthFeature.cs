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
            .AddScoped<TwoFactorRules>().AddScoped<AuthenticatorEnrolment>();

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder group)
    {
        group.MapPost("/login", Login.HandleAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(new LoginRequest("nangok-dong.worker@demo.referralflow.kr", "your password"))
            .WithSummary("Sign in with email and password; returns an access token and a refresh token (or, with useCookies=true, sets the cookie).");
        group.MapPost("/refresh", Refresh.HandleAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Exchange a refresh token for new tokens; each refresh token works once.");
        group.MapPost("/logout", Logout.HandleAsync).AllowAnonymous().Accepts<LogoutRequest>(isOptional: true, "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("End the session of this cookie or access token (and of a refresh token sent in the body).");
        group.MapPost("/password", ChangePassword.HandleAsync).RequireAuthorization().Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Change your password; your other sessions end at once.");
        group.MapGet("/me", Me.Handle).RequireAuthorization().WithSummary("The signed-in worker.");
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
}

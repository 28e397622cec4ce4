using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

public static class AuthFeature
{
    public static IServiceCollection AddAuthFeature(this IServiceCollection services) =>
        services.AddScoped<IStartupTask, EnsureRoles>().AddScoped<IStartupTask, BootstrapAdministrator>()
            .AddScoped<PasswordSignIn>().AddScoped<SessionSignIn>().AddScoped<UserAccounts>();

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
        return group;
    }
}

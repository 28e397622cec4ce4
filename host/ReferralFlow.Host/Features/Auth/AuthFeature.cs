using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

public static class AuthFeature
{
    public static IServiceCollection AddAuthFeature(this IServiceCollection services) =>
        services.AddScoped<IStartupTask, EnsureRoles>().AddScoped<IStartupTask, BootstrapAdministrator>();

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder group)
    {
        group.MapPost("/login", Login.HandleAsync).AllowAnonymous().RequireRateLimiting(AuthExtensions.SignInRateLimit)
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked)
            .WithRequestExample(new Login.Request("nangok-dong.worker@demo.referralflow.kr", "your password"))
            .WithSummary("Sign in with email and password; returns a bearer token.");
        group.MapGet("/me", Me.Handle).RequireAuthorization().WithSummary("The signed-in worker.");
        return group;
    }
}

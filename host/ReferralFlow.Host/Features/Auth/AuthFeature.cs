using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Host.Features.Auth;

public static class AuthFeature
{
    public static IServiceCollection AddAuthFeature(this IServiceCollection services) =>
        services.AddScoped<IStartupTask, EnsureRoles>().AddScoped<IStartupTask, BootstrapAdministrator>();

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder group)
    {
        group.MapPost("/login", Login.HandleAsync).AllowAnonymous().RequireRateLimiting(AuthExtensions.SignInRateLimit)
            .WithSummary("Sign in with email and password; returns a bearer token.");
        group.MapGet("/me", Me.Handle).RequireAuthorization().WithSummary("The signed-in worker.");
        return group;
    }
}

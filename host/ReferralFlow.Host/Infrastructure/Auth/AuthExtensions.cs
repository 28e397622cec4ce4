using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Auth;

public static class AuthExtensions
{
    public const string SignInRateLimit = "sign-in";

    /// <summary>
    /// ASP.NET Core Identity with cookie sign-in (pages) and bearer tokens (API, curl); lock-out after repeated failures,
    /// a rate limit on sign-in, and policies for the roles the API checks.
    /// </summary>
    public static IServiceCollection AddReferralFlowAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var signInsPerMinute = configuration.GetValue("Auth:SignInsPerMinute", 20);
        services.AddIdentityApiEndpoints<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<ReferralFlowDbContext>()
            .AddClaimsPrincipalFactory<ReferralFlowClaimsFactory>();
        services.Configure<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(
            IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "referralflow";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/login";
            o.Events.OnRedirectToLogin = context => ApiAware(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAware(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SystemAdmin, p => p.RequireRole(Roles.SystemAdmin))
            .AddPolicy(Policies.Designer, p => p.RequireRole(Roles.Designer, Roles.SystemAdmin))
            .AddPolicy(Policies.DistrictHub, p => p.RequireRole(Roles.DistrictHub, Roles.SystemAdmin))
            .AddPolicy(Policies.Supervisor, p => p.RequireRole(Roles.Supervisor, Roles.AgencyAdmin, Roles.DistrictHub, Roles.SystemAdmin))
            .SetFallbackPolicy(null);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        // One key ring in the database: a token or cookie issued by one process is accepted by every other, and survives restarts.
        services.AddDataProtection().SetApplicationName("ReferralFlow").PersistKeysToDbContext<ReferralFlowDbContext>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<IWorkflowActor>(sp => sp.GetRequiredService<CurrentUser>());
        return services;
    }

    // API callers get a status code, browsers (the API reference page too) a redirect to the sign-in page.
    private static Task ApiAware(HttpContext context, string redirectUri, int status)
    {
        var path = context.Request.Path;
        if ((path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/reference")) || path.StartsWithSegments("/hangfire"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}

public static class Policies
{
    public const string SystemAdmin = "system-admin";
    public const string Designer = "designer";
    public const string DistrictHub = "district-hub";
    public const string Supervisor = "supervisor";
}

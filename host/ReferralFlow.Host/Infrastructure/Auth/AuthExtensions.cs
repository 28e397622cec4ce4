using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Auth;

public static class AuthExtensions
{
    /// <summary>The per-address sign-in rate limit (also <see cref="RateLimits.SignIn"/>).</summary>
    public const string SignInRateLimit = RateLimits.SignIn;

    /// <summary>The default scheme: a bearer token when the request has one, else the cookie.</summary>
    public const string Scheme = "ReferralFlow";

    /// <summary>
    /// ASP.NET Core Identity with server-side sessions: cookies for the pages, short-lived access tokens plus rotating
    /// refresh tokens for the API; both carry a session id checked on every request. Sign-in back-off, per-user write
    /// rate limits, and policies for the roles the API checks.
    /// </summary>
    public static IServiceCollection AddReferralFlowAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Auth");
        services.Configure<AuthOptions>(section);
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();
        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                // No lock-out on failures (SignInThrottling slows attackers instead); an administrator's LockoutEnd still counts.
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<ReferralFlowDbContext>()
            .AddUserManager<ReferralFlowUserManager>()
            .AddSignInManager()
            .AddTokenProvider<AuthenticatorTokenProvider<User>>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<ReferralFlowClaimsFactory>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignOutScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(Scheme, "Bearer token or cookie", o => o.ForwardDefaultSelector = context =>
                UsesBearer(context.Request) ? SessionBearerHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, SessionBearerHandler>(SessionBearerHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "referralflow";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            // The cookie lives as long as the idle timeout and slides; the session row enforces idle and absolute ends.
            o.ExpireTimeSpan = auth.CookieIdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateCookieAsync;
            o.Events.OnRedirectToLogin = context => ApiAware(context.HttpContext, context.RedirectUri);
            // There is no access-denied page: pages and API alike answer 403.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = auth.SecurityStampValidationInterval;
            // The refreshed principal (new roles, name) keeps the session it belongs to.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(UserSessions.SessionClaim) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaim(new Claim(UserSessions.SessionClaim, session.Value));
                }

                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SystemAdmin, p => p.RequireRole(Roles.SystemAdmin))
            .AddPolicy(Policies.Designer, p => p.RequireRole(Roles.Designer, Roles.SystemAdmin))
            .AddPolicy(Policies.DistrictHub, p => p.RequireRole(Roles.DistrictHub, Roles.SystemAdmin))
            .AddPolicy(Policies.Supervisor, p => p.RequireRole(Roles.Supervisor, Roles.AgencyAdmin, Roles.DistrictHub, Roles.SystemAdmin))
            .SetFallbackPolicy(null);
        services.AddRateLimiter(o => RateLimits.Configure(o, auth));
        // One key ring in the database: a token or cookie issued by one process is accepted by every other, and survives restarts.
        services.AddDataProtection().SetApplicationName("ReferralFlow").PersistKeysToDbContext<ReferralFlowDbContext>();
        services.AddSingleton<AccessTokens>();
        services.AddScoped<UserSessions>();
        services.AddScoped<SessionRevocation>();
        services.AddScoped<SignInThrottling>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<IWorkflowActor>(sp => sp.GetRequiredService<CurrentUser>());
        return services;
    }

    /// <summary>Whether the request authenticates with an access token rather than the cookie.</summary>
    public static bool UsesBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    // The session first (revocation is immediate), then Identity's periodic security-stamp check and claims refresh.
    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        if (UserSessions.SessionId(context.Principal) is not { } session || !await sessions.IsActiveAsync(session, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    // API callers (and the OpenAPI document) get 401, browsers (the API reference page too) a redirect to the sign-in page.
    private static Task ApiAware(HttpContext context, string redirectUri)
    {
        var path = context.Request.Path;
        if ((path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/reference")) || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/hangfire"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
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

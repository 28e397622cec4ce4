using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth.TwoFactor;

/// <summary>
/// Holds back a signed-in account that must use two-factor sign-in but has not enrolled an authenticator yet: the API
/// answers 403 <c>two-factor-enrolment-required</c>, pages redirect to <c>/account/two-factor</c>; enrolment itself,
/// sign-out, the language switch and static files stay open. Takes effect at the next request after the district turns
/// the requirement on.
/// </summary>
public sealed class TwoFactorGate(RequestDelegate next)
{
    public const string EnrolPage = "/account/two-factor";

    private static readonly string[] Open = ["/api/auth", EnrolPage, "/logout", "/language", "/login", "/health", "/css", "/js", "/lib", "/favicon.ico"];

    public async Task InvokeAsync(HttpContext context, TwoFactorRules rules, ReferralFlowDbContext db)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && user.FindFirst(TwoFactorRules.EnabledClaim) is null
            && !Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && rules.IsRequired(user)
            && !await EnrolledSinceSignInAsync(db, user, context.RequestAborted))
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || AuthExtensions.UsesBearer(context.Request))
            {
                throw ApiException.Forbidden(ProblemCode.TwoFactorEnrolmentRequired);
            }

            context.Response.Redirect($"{EnrolPage}?returnUrl={Uri.EscapeDataString(path + context.Request.QueryString)}");
            return;
        }

        await next(context);
    }

    // The principal was made before the account enrolled (this session enrolled a moment ago).
    private static async Task<bool> EnrolledSinceSignInAsync(ReferralFlowDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Guid.TryParse(user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id)
        && await db.Users.AnyAsync(u => u.Id == id && u.TwoFactorEnabled, cancellationToken);
}

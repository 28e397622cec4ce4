using System.Security.Claims;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Auth;

/// <summary>The signed-in worker of this request: who, which agency and district, which roles.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor) : IWorkflowActor
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
        ? id
        : throw new ApiException(StatusCodes.Status401Unauthorized, ProblemCode.Unauthorized, ProblemCode.Unauthorized);

    /// <summary>The session this request was signed in with (cookie or access token).</summary>
    public Guid? SessionId => UserSessions.SessionId(Principal);

    public string AgencyId => Principal.FindFirstValue(ReferralFlowClaimsFactory.AgencyClaim) ?? "";

    public string District => Principal.FindFirstValue(ReferralFlowClaimsFactory.DistrictClaim) ?? "";

    public string DisplayName => Principal.FindFirstValue(ReferralFlowClaimsFactory.DisplayNameClaim) ?? "";

    /// <summary>The header's switch on this device (the <c>lang</c> cookie) first, then the worker's saved choice.</summary>
    public string Language => accessor.HttpContext?.Request.Cookies[Ui.UiExtensions.LanguageCookie] switch
    {
        "en" => "en",
        "ko" => "ko",
        _ => Principal.FindFirstValue(ReferralFlowClaimsFactory.LanguageClaim) ?? "ko",
    };

    public bool IsSystemAdmin => Principal.IsInRole(Roles.SystemAdmin);

    public bool IsDistrictHub => Principal.IsInRole(Roles.DistrictHub);

    public bool IsSupervisor => Principal.IsInRole(Roles.Supervisor) || Principal.IsInRole(Roles.AgencyAdmin);

    public bool IsInRole(string role) => Principal.IsInRole(role);

    /// <inheritdoc />
    string? IWorkflowActor.Actor => IsAuthenticated ? Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}

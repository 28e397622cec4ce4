using System.Security.Claims;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Settings;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Auth.TwoFactor;

/// <summary>
/// Who must sign in with a TOTP authenticator: administrators (system and district) always; every account that can read
/// household data (worker, supervisor, agency administrator, district hub) when its district requires it
/// (<c>requireTwoFactorForCaseReaders</c>). Designers and other roles only when they also hold one of these.
/// </summary>
public sealed class TwoFactorRules(DistrictSettingsStore settings)
{
    /// <summary>The claim of a principal whose account had two-factor sign-in when the principal was made.</summary>
    public const string EnabledClaim = "rf:2fa";

    public static readonly IReadOnlyList<string> AdministratorRoles = [Roles.SystemAdmin, Roles.DistrictAdmin];

    public static readonly IReadOnlyList<string> CaseReaderRoles = [Roles.Worker, Roles.Supervisor, Roles.AgencyAdmin, Roles.DistrictHub];

    public bool IsRequired(IEnumerable<string> roles, string district)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return AdministratorRoles.Any(held.Contains)
            || (CaseReaderRoles.Any(held.Contains) && settings.Get(district).RequireTwoFactorForCaseReaders);
    }

    public bool IsRequired(ClaimsPrincipal principal) =>
        IsRequired(principal.FindAll(ClaimTypes.Role).Select(c => c.Value), principal.FindFirstValue(ReferralFlowClaimsFactory.DistrictClaim) ?? "");
}

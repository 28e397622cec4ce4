using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Infrastructure.Auth;

/// <summary>Adds the worker's agency, district, display name and language to the principal (cookie and bearer token).</summary>
public sealed class ReferralFlowClaimsFactory(
    UserManager<User> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, ReferralFlowDbContext db)
    : UserClaimsPrincipalFactory<User, IdentityRole<Guid>>(users, roles, options)
{
    public const string AgencyClaim = "rf:agency";
    public const string DistrictClaim = "rf:district";
    public const string DisplayNameClaim = "rf:name";
    public const string LanguageClaim = "rf:lang";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var district = await db.Agencies.Where(a => a.Id == user.AgencyId).Select(a => a.District).SingleOrDefaultAsync();
        identity.AddClaim(new Claim(AgencyClaim, user.AgencyId));
        identity.AddClaim(new Claim(DistrictClaim, district ?? ""));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        identity.AddClaim(new Claim(LanguageClaim, user.Language));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(Features.Auth.TwoFactor.TwoFactorRules.EnabledClaim, "1"));
        }
        return identity;
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Agencies;

/// <summary>The rule other features apply: a deactivated agency opens, owns or is allocated no new referral.</summary>
internal static class InactiveAgencies
{
    /// <summary>400 <c>agency-inactive</c> naming the field of the first deactivated agency among a new referral's.</summary>
    public static async Task EnsureActiveAsync(
        ReferralFlowDbContext db, string referringAgency, string owner, IReadOnlyDictionary<string, string> roleAgencies, CancellationToken cancellationToken)
    {
        var ids = roleAgencies.Values.Append(owner).Append(referringAgency).Distinct().ToList();
        var inactive = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id) && !a.IsActive).Select(a => a.Id).ToListAsync(cancellationToken);
        if (inactive.Count == 0)
        {
            return;
        }

        var field = inactive.Contains(referringAgency) ? "agency"
            : inactive.Contains(owner) ? "publicOwnerAgencyId"
            : $"roleAllocations.{roleAgencies.First(r => inactive.Contains(r.Value)).Key}";
        var agency = field == "agency" ? referringAgency : field == "publicOwnerAgencyId" ? owner : roleAgencies[field["roleAllocations.".Length..]];
        throw ApiException.Invalid(field, ProblemCode.AgencyInactive, agency);
    }
}

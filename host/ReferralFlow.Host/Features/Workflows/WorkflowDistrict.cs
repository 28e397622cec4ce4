using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// Which district's workflows a request works on. Workflows belong to a district: workers and designers list, read, edit
/// and publish only their own district's; a system administrator may name another district with <c>?district=</c>. To
/// everyone else another district's workflow does not exist (404), so keys do not leak across districts.
/// </summary>
internal static class WorkflowDistrict
{
    public static string Resolve(CurrentUser user, string? requested, string? key)
    {
        var district = string.IsNullOrWhiteSpace(requested) ? user.District : requested.Trim();
        if (district.Length == 0 || (district != user.District && !user.IsSystemAdmin))
        {
            throw NotFound(key);
        }

        return district;
    }

    /// <summary>As <see cref="Resolve"/>, for creating: the district must be one with agencies (400 naming <c>district</c> otherwise).</summary>
    public static async Task<string> ResolveForCreateAsync(CurrentUser user, string? requested, ReferralFlowDbContext db, CancellationToken cancellationToken)
    {
        var district = Resolve(user, requested, key: null);
        return await db.Agencies.AnyAsync(a => a.District == district, cancellationToken)
            ? district
            : throw ApiException.Invalid("district", ProblemCode.DistrictWithoutAgencies, district);
    }

    /// <summary>The query to append to links of a workflow in another district than the caller's.</summary>
    public static string Query(CurrentUser user, string district) =>
        district == user.District ? "" : $"?district={Uri.EscapeDataString(district)}";

    public static ApiException NotFound(string? key) =>
        ApiException.NotFound(key is null ? ProblemCode.DistrictNotVisible : ProblemCode.WorkflowNotFound);
}

using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Allocations;

/// <summary>
/// <c>GET /api/role-allocations/table?district=</c>: every default row of a district (district-wide rows have no dong),
/// in the shape <c>PUT</c> takes, with a content ETag to send back as <c>If-Match</c>.
/// </summary>
internal static class GetAllocationTable
{
    public static async Task<AllocationTable.Response> HandleAsync(string? district, HttpContext context, CurrentUser user, ReferralFlowDbContext db, CancellationToken cancellationToken)
    {
        var table = await AllocationTable.LoadAsync(db, AllocationTable.DistrictOrCaller(district, user), cancellationToken);
        context.Response.Headers.ETag = table.Version;
        return table;
    }
}

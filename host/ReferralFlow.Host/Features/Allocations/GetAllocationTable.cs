using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Allocations;

/// <summary>
/// <c>GET /api/role-allocations/table?district=</c>: every default row of a district (district-wide rows have no dong),
/// in the shape <c>PUT</c> takes, with a content ETag to send back as <c>If-Match</c>.
/// </summary>
public sealed class GetAllocationTable(CurrentUser user, ReferralFlowDbContext db)
{
    public Task<AllocationTable.Response> HandleAsync(string? district, CancellationToken cancellationToken) =>
        AllocationTable.LoadAsync(db, AllocationTable.DistrictOrCaller(district, user), cancellationToken);
}

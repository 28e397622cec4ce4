using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Allocations;

/// <summary>
/// <c>GET /api/role-allocations?district=&amp;dong=</c>: the effective default agency of each role — the dong's own row
/// where there is one, else the district-wide row — and where each came from. The district defaults to the caller's.
/// </summary>
public sealed class GetAllocations(CurrentUser user, RoleAllocationResolver resolver, ReferralFlowDbContext db)
{
    public sealed record Item(string RoleKey, string AgencyId, string AgencyName, AllocationSource Source);

    public sealed record Response(string District, string? Dong, IReadOnlyList<Item> Allocations);

    public async Task<Response> HandleAsync(string? district, string? dong, CancellationToken cancellationToken)
    {
        var where = AllocationTable.DistrictOrCaller(district, user);
        var dongKey = string.IsNullOrWhiteSpace(dong) ? null : dong.Trim();
        var effective = await resolver.EffectiveAsync(where, dongKey, cancellationToken);
        var names = await AllocationTable.AgencyNamesAsync(db, effective.Select(a => a.AgencyId), cancellationToken);
        return new Response(where, dongKey, [.. effective.Select(a => new Item(a.RoleKey, a.AgencyId, names.GetValueOrDefault(a.AgencyId, a.AgencyId), a.Source))]);
    }
}

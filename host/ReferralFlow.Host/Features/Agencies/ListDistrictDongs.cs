using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Agencies;

/// <summary>The dongs of the caller's district (those with a dong centre), for the worker pages' dong filters (no API endpoint).</summary>
public sealed class ListDistrictDongs(CurrentUser user, ReferralFlowDbContext db)
{
    public async Task<IReadOnlyList<string>> HandleAsync(CancellationToken cancellationToken)
    {
        var district = user.District;
        return await db.Agencies.AsNoTracking().Where(a => a.District == district && a.Dong != null)
            .Select(a => a.Dong!).OrderBy(d => d).ToListAsync(cancellationToken);
    }
}

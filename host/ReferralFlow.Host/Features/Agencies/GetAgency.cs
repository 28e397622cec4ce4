using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Agencies;

/// <summary><c>GET /api/agencies/{id}</c>: one agency of the caller's district (any for system administrators; another district's: 404).</summary>
public sealed class GetAgency(ReferralFlowDbContext db, CurrentUser user)
{
    public async Task<AgencyView> HandleAsync(string id, CancellationToken cancellationToken)
    {
        var district = user.IsSystemAdmin ? null : user.District;
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && (district == null || a.District == district), cancellationToken)
            ?? throw ApiException.NotFound(ProblemCode.AgencyNotFound.With(id));
        return AgencyView.From(agency);
    }
}

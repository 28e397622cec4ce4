using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Agencies;

/// <summary><c>GET /api/agencies/{id}</c>: one agency.</summary>
public sealed class GetAgency(ReferralFlowDbContext db)
{
    public async Task<AgencyView> HandleAsync(string id, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw ApiException.NotFound(ProblemCode.AgencyNotFound.With(id));
        return AgencyView.From(agency);
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Agencies;

/// <summary><c>GET /api/agencies/{id}</c>: one agency.</summary>
internal static class GetAgency
{
    public static async Task<AgencyView> HandleAsync(string id, ReferralFlowDbContext db, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw ApiException.NotFound(ProblemCode.AgencyNotFound.With(id));
        return AgencyView.From(agency);
    }
}

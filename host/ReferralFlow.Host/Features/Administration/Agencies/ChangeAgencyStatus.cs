using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Agencies;

/// <summary>
/// <c>POST /api/admin/agencies/{agencyId}/deactivate</c> and <c>/reactivate</c>. A deactivated agency takes no new
/// referrals or allocations (400 <c>agency-inactive</c>) but keeps its history, running steps and workers; agencies are
/// never deleted. The same state again is 409.
/// </summary>
public sealed class ChangeAgencyStatus(AdminScope scope, AdminAudit audit, ReferralFlowDbContext db)
{
    public async Task<AdminAgencyView> HandleAsync(string agencyId, bool active, CancellationToken cancellationToken)
    {
        var agency = await scope.GetAgencyAsync(agencyId, cancellationToken);
        if (agency.IsActive == active)
        {
            throw ApiException.Conflict(ProblemCode.AgencyAlreadyInState);
        }

        audit.Change("isActive", agency.IsActive, active).Record(active ? AdminActions.AgencyReactivated : AdminActions.AgencyDeactivated, $"agency:{agency.Id}", agency.District);
        agency.IsActive = active;
        await db.SaveChangesAsync(cancellationToken);
        return AdminAgencyView.From(agency);
    }
}

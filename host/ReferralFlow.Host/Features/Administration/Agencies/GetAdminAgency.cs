namespace ReferralFlow.Host.Features.Administration.Agencies;

/// <summary><c>GET /api/admin/agencies/{agencyId}</c>: one agency the caller administers (another district's: 404).</summary>
public sealed class GetAdminAgency(AdminScope scope)
{
    public async Task<AdminAgencyView> HandleAsync(string agencyId, CancellationToken cancellationToken)
    {
        var agency = await scope.GetAgencyAsync(agencyId, cancellationToken);
        return AdminAgencyView.From(agency);
    }
}

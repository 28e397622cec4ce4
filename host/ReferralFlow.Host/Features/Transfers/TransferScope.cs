using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Transfers;

/// <summary>
/// Who sees a transfer: the hub of either district, the agency that requested it (the case owner then), the agency that
/// became the new case owner, and system administrators. Anyone else gets 404. Only the receiving district's hub (or a
/// system administrator) decides a pending one.
/// </summary>
public sealed class TransferScope(ReferralFlowDbContext db, CurrentUser user)
{
    public CurrentUser User => user;

    public IQueryable<ReferralTransfer> Visible()
    {
        if (user.IsSystemAdmin)
        {
            return db.ReferralTransfers;
        }

        var agency = user.AgencyId;
        var district = user.IsDistrictHub ? user.District : null;
        return db.ReferralTransfers.Where(t => t.FromOwnerAgencyId == agency || t.ToOwnerAgencyId == agency
            || (district != null && (t.FromDistrict == district || t.ToDistrict == district)));
    }

    /// <summary>The transfer (tracked when asked), or 404 when it does not exist or the caller may not see it.</summary>
    public async Task<ReferralTransfer> GetVisibleAsync(Guid id, CancellationToken cancellationToken, bool track = false)
    {
        var query = Visible().Where(t => t.Id == id);
        return await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync(cancellationToken)
            ?? throw ApiException.NotFound(ProblemCode.TransferNotFound);
    }

    /// <summary>The receiving district's hub or a system administrator, while the transfer is pending.</summary>
    public bool CanDecide(ReferralTransfer transfer) =>
        transfer.Status == TransferStatus.Pending && (user.IsSystemAdmin || (user.IsDistrictHub && transfer.ToDistrict == user.District));

    /// <summary>403 unless the caller may decide transfers into <paramref name="transfer"/>'s district; 409 once it is decided.</summary>
    public void EnsureMayDecide(ReferralTransfer transfer)
    {
        if (!user.IsSystemAdmin && !(user.IsDistrictHub && transfer.ToDistrict == user.District))
        {
            throw ApiException.Forbidden(ProblemCode.TransferDecideForbidden.With(transfer.ToDistrict));
        }

        if (transfer.Status != TransferStatus.Pending)
        {
            throw ApiException.Conflict(ProblemCode.TransferNotPending, new Dictionary<string, object?> { ["currentVersion"] = transfer.Version });
        }
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;

namespace ReferralFlow.Host.Features.Consents;

/// <summary>
/// <c>GET /api/referrals/{id}/consents</c>: the referral's consents, live and withdrawn — all of them for the owner side,
/// only its own for another agency taking part.
/// </summary>
public sealed class ListConsents(ReferralAccess access, ReferralFlowDbContext db)
{
    public async Task<IReadOnlyList<ConsentView>> HandleAsync(Guid id, CancellationToken cancellationToken) =>
        await ViewAsync(access, db, await access.GetVisibleAsync(id, cancellationToken), cancellationToken);

    internal static async Task<IReadOnlyList<ConsentView>> ViewAsync(ReferralAccess access, ReferralFlowDbContext db, Referral referral, CancellationToken cancellationToken)
    {
        var ids = referral.Consents.Select(c => c.AgencyId).Distinct().ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return ConsentViews.Of(referral, await access.LensAsync(referral, cancellationToken), access.AgencyId, names);
    }
}

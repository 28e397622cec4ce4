using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.CaseViews;

namespace ReferralFlow.Host.Features.Consents;

/// <summary>
/// <c>GET /api/referrals/{id}/consents</c>: the referral's consents, live and withdrawn — all of them for the owner side,
/// only its own for another agency taking part.
/// </summary>
public sealed class ListConsents(ReferralAccess access, ReferralFlowDbContext db, AuditLog audit)
{
    public async Task<IReadOnlyList<ConsentView>> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var referral = await access.GetVisibleAsync(id, cancellationToken);
        var consents = await ViewAsync(access, db, referral, cancellationToken);
        await audit.RecordNowAsync(AuditActions.ConsentsRead, referral.Id, (await access.LensAsync(referral, cancellationToken)).AuditDetail(), cancellationToken);
        return consents;
    }

    internal static async Task<IReadOnlyList<ConsentView>> ViewAsync(ReferralAccess access, ReferralFlowDbContext db, Referral referral, CancellationToken cancellationToken)
    {
        var ids = referral.Consents.Select(c => c.AgencyId).Distinct().ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return ConsentViews.Of(referral, await access.LensAsync(referral, cancellationToken), access.AgencyId, names);
    }
}

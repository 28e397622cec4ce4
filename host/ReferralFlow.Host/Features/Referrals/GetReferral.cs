using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.CaseViews;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// <c>GET /api/referrals/{id}</c>: the referral with its participants, consent summary, every step of its workflow
/// (agency, assignee, due, overdue, escalation level, outcome) and open incidents; 404 when the caller may not see it.
/// What is shown follows <see cref="ReferralAccess"/>; every read is audit-logged with what was shown and why.
/// </summary>
public sealed class GetReferral(ReferralAccess access, ReferralViews views, AuditLog audit)
{
    public async Task<ReferralResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var referral = await access.GetVisibleAsync(id, cancellationToken);
        var response = await views.BuildAsync(referral, cancellationToken);
        await audit.RecordNowAsync(AuditActions.ReferralRead, referral.Id, (await access.LensAsync(referral, cancellationToken)).AuditDetail(), cancellationToken);
        return response;
    }
}

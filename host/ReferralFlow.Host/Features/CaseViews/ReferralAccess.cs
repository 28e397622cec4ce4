using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.CaseViews;

/// <summary>
/// Who may see which referral and task. A worker sees the referrals their agency takes part in (referring, public case
/// owner, or filling a role) and the tasks offered to their agency; the district hub sees its district; a system
/// administrator sees everything. Enforced on every query, never by hiding links.
/// </summary>
public sealed class ReferralAccess(ReferralFlowDbContext db, CurrentUser user)
{
    public IQueryable<Referral> Visible()
    {
        if (user.IsSystemAdmin)
        {
            return db.Referrals;
        }

        var agency = user.AgencyId;
        if (user.IsDistrictHub)
        {
            var district = user.District;
            return db.Referrals.Where(r => r.District == district || r.Participants.Any(p => p.AgencyId == agency));
        }

        return db.Referrals.Where(r => r.ReferringAgencyId == agency || r.PublicOwnerAgencyId == agency || r.Participants.Any(p => p.AgencyId == agency));
    }

    /// <summary>The referral, or 404 when it does not exist or the caller may not see it (existence is not revealed).</summary>
    public async Task<Referral> GetVisibleAsync(Guid referralId, CancellationToken cancellationToken, bool track = false)
    {
        var query = Visible().Include(r => r.Participants).Include(r => r.Consents).Where(r => r.Id == referralId);
        return await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync(cancellationToken)
            ?? throw ApiException.NotFound(ProblemCode.ReferralNotFound);
    }

    /// <summary>Tasks the caller may act on: those offered to their agency (all, for a system administrator).</summary>
    public IQueryable<WorkTaskRecord> ActionableTasks(IQueryable<WorkTaskRecord> tasks)
    {
        if (user.IsSystemAdmin)
        {
            return tasks;
        }

        var agency = user.AgencyId;
        return tasks.Where(t => t.AgencyId == agency);
    }

    /// <summary>True when the caller is the referral's public case owner side (owner agency) or the district hub/admin.</summary>
    public bool IsCaseOwner(Referral referral) =>
        user.IsSystemAdmin || referral.PublicOwnerAgencyId == user.AgencyId || (user.IsDistrictHub && referral.District == user.District);

    /// <summary>True when the caller's agency takes part in the referral: referring, public case owner, or filling a role.</summary>
    public bool IsParticipant(Referral referral) =>
        referral.ReferringAgencyId == user.AgencyId || referral.PublicOwnerAgencyId == user.AgencyId
        || referral.Participants.Any(p => p.AgencyId == user.AgencyId);

    /// <summary>
    /// True when the caller may see the household's personal data: the referring or owner agency, an agency the consent
    /// covers, the district hub, or a system administrator. Others see the case without it.
    /// </summary>
    public bool CanSeePersonalData(Referral referral) =>
        user.IsSystemAdmin
        || (user.IsDistrictHub && referral.District == user.District)
        || referral.ReferringAgencyId == user.AgencyId
        || referral.PublicOwnerAgencyId == user.AgencyId
        || referral.Consents.Any(c => c.AgencyIds.Contains(user.AgencyId));

    /// <summary>
    /// True when the caller may see the values of health fields (민감정보): a system administrator, or an agency named by a
    /// consent that covers health data — the referring and owner agencies too once such a consent exists. Never in exports.
    /// </summary>
    public bool CanSeeHealthData(Referral referral) =>
        user.IsSystemAdmin
        || referral.Consents.Any(c => c.HealthData
            && (c.AgencyIds.Contains(user.AgencyId) || referral.ReferringAgencyId == user.AgencyId || referral.PublicOwnerAgencyId == user.AgencyId));
}

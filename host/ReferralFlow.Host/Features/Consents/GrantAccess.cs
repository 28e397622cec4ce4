using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Consents;

/// <summary>
/// <c>POST /api/referrals/{id}/participants</c> adds an agency of the district to the referral without a step (or extends
/// the access of one whose steps are done), and <c>DELETE /api/referrals/{id}/participants/{agencyId}</c> takes that
/// back. Only the public case owner side; the reason is required and kept with the grant (the audit names the grant,
/// not the reason's text). What the agency sees of the household still follows its consent.
/// </summary>
public sealed class GrantAccess(
    ReferralAccess access, CurrentUser user, ReferralFlowDbContext db, WorkflowJournal journal, UnitOfWork unitOfWork, AuditLog audit, TimeProvider time)
{
    public const int MaxReasonLength = 1000;

    public sealed record Request([Required] string? AgencyId, [Required] string? Reason);

    public sealed record Grant(Guid Id, AgencyRef Agency, string Reason, DateTimeOffset GrantedAt);

    public async Task<Grant> AddAsync(Guid id, Request request, CancellationToken cancellationToken)
    {
        var errors = new ProblemErrors();
        errors.Text("agencyId", request.AgencyId, 100, ProblemCode.FieldRequired.With(ProblemLabel.Agency));
        errors.Text("reason", request.Reason, MaxReasonLength, ProblemCode.ReasonRequired);
        errors.ThrowIfAny();
        var referral = await OwnedAsync(id, cancellationToken);
        var agencyId = request.AgencyId!.Trim();
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId && a.District == referral.District, cancellationToken)
            ?? throw ApiException.Invalid("agencyId", ProblemCode.AgenciesUnknown, agencyId);
        var now = time.GetUtcNow();
        var grant = new ReferralAccessGrant
        {
            Id = Guid.CreateVersion7(now),
            ReferralId = referral.Id,
            AgencyId = agency.Id,
            Reason = request.Reason!.Trim(),
            GrantedBy = user.Id,
            GrantedAt = now,
        };
        await unitOfWork.ExecuteAsync(_ =>
        {
            db.ReferralAccessGrants.Add(grant);
            Journal(referral, ConsentTimelineTypes.ParticipantAdded, agency.Id, now);
            audit.Record(AuditActions.ParticipantAdded, referral.Id, $"{agency.Id} grant {grant.Id}");
            return Task.CompletedTask;
        }, cancellationToken);
        return new Grant(grant.Id, new AgencyRef(agency.Id, agency.Name), grant.Reason, grant.GrantedAt);
    }

    public async Task RemoveAsync(Guid id, string agencyId, CancellationToken cancellationToken)
    {
        var referral = await OwnedAsync(id, cancellationToken);
        var live = referral.Grants.Where(g => g.AgencyId == agencyId && g.RevokedAt == null).ToList();
        if (live.Count == 0)
        {
            throw ApiException.NotFound(ProblemCode.GrantNotFound);
        }

        var now = time.GetUtcNow();
        await unitOfWork.ExecuteAsync(_ =>
        {
            live.ForEach(g => g.RevokedAt = now);
            Journal(referral, ConsentTimelineTypes.ParticipantRemoved, agencyId, now);
            audit.Record(AuditActions.ParticipantRemoved, referral.Id, agencyId);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    private async Task<Referral> OwnedAsync(Guid id, CancellationToken cancellationToken)
    {
        var referral = await access.GetVisibleAsync(id, cancellationToken, track: true);
        return access.IsCaseOwner(referral) ? referral : throw ApiException.Forbidden(ProblemCode.GrantForbidden);
    }

    private void Journal(Referral referral, string type, string agencyId, DateTimeOffset now) =>
        journal.AppendTimeline(referral.InstanceId, now, type, null, null, user.Id.ToString(),
            VariableJson.ToJson(new Dictionary<string, object?>() { ["agencies"] = new List<object?> { agencyId } }));
}

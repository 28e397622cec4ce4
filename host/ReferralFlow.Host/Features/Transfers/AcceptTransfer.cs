using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Allocations;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Transfers;

/// <summary>
/// <c>POST /api/transfers/{id}/accept</c>: the receiving district's hub takes the referral over and names its new public
/// case owner (an active public agency of the district). In one transaction the referral moves to the district with its
/// whole history (steps, timeline, notes, consents): new owner (also its referring agency, so the closed loop ends there),
/// the owner's dong, the role allocation of the new district for every step created from now on. Open steps stay with the agencies working on them until done (the hub may move
/// them with a reassignment); owner grants of the old district's agencies end. Both districts are audited and mailed.
/// </summary>
public sealed class AcceptTransfer(
    TransferScope scope,
    CurrentUser user,
    ReferralFlowDbContext db,
    WorkflowDbContext engine,
    WorkflowReadModel workflow,
    RoleAllocationResolver allocations,
    TransferRecords records,
    TransferViews views,
    TransferBell bell,
    UnitOfWork unitOfWork,
    TimeProvider time)
{
    public sealed record Request([Required] string? OwnerAgencyId, int? Version);

    public async Task<TransferView> HandleAsync(Guid id, Request request, int? ifMatch, CancellationToken cancellationToken)
    {
        var transfer = await scope.GetVisibleAsync(id, cancellationToken, track: true);
        scope.EnsureMayDecide(transfer);
        TransferVersion.Check(transfer, ifMatch ?? request.Version, ifMatch is not null);
        var ownerId = string.IsNullOrWhiteSpace(request.OwnerAgencyId)
            ? throw ApiException.Invalid("ownerAgencyId", ProblemCode.FieldRequired, ProblemLabel.Agency)
            : request.OwnerAgencyId.Trim();
        var owner = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == ownerId, cancellationToken);
        if (owner is null || owner.District != transfer.ToDistrict || !owner.IsPublic || !owner.IsActive)
        {
            throw ApiException.Invalid("ownerAgencyId", ProblemCode.TransferOwnerInvalid, ownerId, transfer.ToDistrict);
        }

        var referral = await db.Referrals.Include(r => r.Participants).Include(r => r.Grants).AsSplitQuery()
            .SingleAsync(r => r.Id == transfer.ReferralId, cancellationToken);
        if (referral.ClosedAt is not null)
        {
            throw ApiException.Conflict(ProblemCode.ReferralClosed, new Dictionary<string, object?> { ["currentVersion"] = transfer.Version });
        }

        var instance = await engine.Instances.SingleAsync(i => i.Id == referral.InstanceId, cancellationToken);
        var definition = await workflow.GetDefinitionAsync(instance.VersionId, cancellationToken);
        // Steps created from now on go to the new district's agencies; a role it does not allocate is a 400 naming it.
        var routing = await allocations.ResolveAsync(transfer.ToDistrict, owner.Dong, definition.Roles.Select(r => r.Key), null, cancellationToken);
        var openSteps = await workflow.Tasks.Where(t => t.InstanceId == referral.InstanceId && t.Status == WorkTaskStatus.Open)
            .OrderBy(t => t.TaskId).Select(t => new { t.TaskId, t.AgencyId }).ToListAsync(cancellationToken);

        var told = await bell.WorkersAsync([transfer.FromOwnerAgencyId, owner.Id], cancellationToken);
        var now = time.GetUtcNow();
        var before = new { district = referral.District, dong = referral.Dong, owner = referral.PublicOwnerAgencyId, referrer = referral.ReferringAgencyId };
        referral.District = transfer.ToDistrict;
        // The closed loop (returned steps, the closing reply, notify-referrer) now ends in the district that holds the case;
        // the first referrer stays in the timeline, the transfer and the audit log.
        referral.ReferringAgencyId = owner.Id;
        referral.Dong = owner.Dong;
        referral.PublicOwnerAgencyId = owner.Id;
        referral.PublicOwnerUserId = null;
        referral.Revision++;
        db.ReferralParticipants.RemoveRange(referral.Participants);
        db.ReferralParticipants.AddRange(routing.Select(r => new ReferralParticipant { ReferralId = referral.Id, RoleKey = r.Key, AgencyId = r.Value }));
        var district = await db.Agencies.AsNoTracking().Where(a => a.District == transfer.ToDistrict).Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var grant in referral.Grants.Where(g => g.RevokedAt is null && !district.Contains(g.AgencyId)))
        {
            grant.RevokedAt = now;
        }

        instance.RoleAgenciesJson = JsonSerializer.Serialize(routing);
        transfer.Status = TransferStatus.Accepted;
        transfer.ToOwnerAgencyId = owner.Id;
        transfer.DecidedBy = user.Id;
        transfer.DecidedAt = now;
        transfer.Version++;
        var after = new { district = referral.District, dong = referral.Dong, owner = referral.PublicOwnerAgencyId, referrer = referral.ReferringAgencyId };
        await TransferVersion.SaveAsync(unitOfWork, db, transfer, () =>
        {
            records.Audit(TransferActions.Accepted, transfer, new { transferId = transfer.Id, before, after, openSteps = openSteps.Select(s => s.TaskId) });
            records.Timeline(referral, TransferRecords.TransferredEvent, new
            {
                transferId = transfer.Id,
                fromDistrict = transfer.FromDistrict,
                toDistrict = transfer.ToDistrict,
                fromOwner = transfer.FromOwnerAgencyId,
                fromReferrer = before.referrer,
                toOwner = owner.Id,
                openSteps = openSteps.Select(s => new { taskId = s.TaskId, agencyId = s.AgencyId }),
            });
            records.Mail(referral, transfer, TransferRecords.AcceptedTemplate, $"agency:{transfer.FromOwnerAgencyId}");
            records.Mail(referral, transfer, TransferRecords.AcceptedTemplate, $"agency:{owner.Id}");
            bell.Tell(told, referral);
        }, cancellationToken);
        return await views.BuildAsync(transfer, cancellationToken);
    }
}

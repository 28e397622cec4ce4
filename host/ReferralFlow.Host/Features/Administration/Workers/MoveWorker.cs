using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary>
/// <c>POST /api/admin/workers/{userId}/move</c> with <c>agencyId</c>: rotation (순환 근무) to another active agency the
/// caller administers. The steps the worker claimed stay with the old agency's queue (<see cref="WorkerRotation"/>);
/// their sessions end, so their next sign-in carries the new agency.
/// </summary>
public sealed class MoveWorker(AdminScope scope, AdminAudit audit, UserManager<User> users, WorkerRotation rotation, WorkerViews views)
{
    public sealed record Request([Required] string? AgencyId);

    public sealed record Response(WorkerView Worker, int ReturnedTasks);

    public async Task<Response> HandleAsync(Guid userId, Request request, CancellationToken cancellationToken)
    {
        var worker = await scope.GetWorkerAsync(userId, cancellationToken);
        var district = await scope.DistrictOfAsync(worker, cancellationToken);
        if (string.IsNullOrWhiteSpace(request.AgencyId))
        {
            throw ApiException.Invalid("agencyId", ProblemCode.FieldRequired, ProblemLabel.Agency);
        }

        var target = await scope.GetAgencyAsync(request.AgencyId.Trim(), cancellationToken);
        scope.EnsureNotSelf(worker.Id);
        if (target.Id == worker.AgencyId)
        {
            throw ApiException.Invalid("agencyId", ProblemCode.WorkerSameAgency);
        }

        if (!target.IsActive)
        {
            throw ApiException.Invalid("agencyId", ProblemCode.AgencyInactive, target.Id);
        }

        var from = worker.AgencyId;
        var returned = await rotation.LeaveAgencyAsync(worker, SessionRevocation.Deactivated, async _ =>
        {
            worker.AgencyId = target.Id;
            InviteWorker.Require(await users.UpdateSecurityStampAsync(worker));
            audit.Change("agencyId", from, target.Id).Record(AdminActions.WorkerMoved, $"user:{worker.Id}", district);
        }, cancellationToken);
        return new Response(await views.BuildAsync(worker, cancellationToken), returned);
    }
}

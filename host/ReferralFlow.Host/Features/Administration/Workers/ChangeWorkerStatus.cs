using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary>
/// <c>POST /api/admin/workers/{userId}/deactivate</c> and <c>/reactivate</c>. A deactivated worker cannot sign in; the
/// steps they claimed return to the agency queue and their sessions and links end at once (<see cref="WorkerRotation"/>).
/// Accounts are never deleted (their history names them). The same state again is 409.
/// </summary>
public sealed class ChangeWorkerStatus(AdminScope scope, AdminAudit audit, UserManager<User> users, WorkerRotation rotation, WorkerViews views)
{
    public sealed record Response(WorkerView Worker, int ReturnedTasks);

    public async Task<Response> HandleAsync(Guid userId, bool active, CancellationToken cancellationToken)
    {
        var worker = await scope.GetWorkerAsync(userId, cancellationToken);
        var district = await scope.DistrictOfAsync(worker, cancellationToken);
        scope.EnsureNotSelf(worker.Id);
        if (worker.IsActive == active)
        {
            throw ApiException.Conflict(ProblemCode.WorkerAlreadyInState);
        }

        var returned = 0;
        if (active)
        {
            worker.IsActive = true;
            audit.Change("isActive", false, true).Record(AdminActions.WorkerReactivated, $"user:{worker.Id}", district);
            InviteWorker.Require(await users.UpdateAsync(worker));
        }
        else
        {
            returned = await rotation.LeaveAgencyAsync(worker, SessionRevocation.Deactivated, async _ =>
            {
                worker.IsActive = false;
                audit.Change("isActive", true, false).Record(AdminActions.WorkerDeactivated, $"user:{worker.Id}", district);
                InviteWorker.Require(await users.UpdateSecurityStampAsync(worker));
            }, cancellationToken);
        }

        return new Response(await views.BuildAsync(worker, cancellationToken), returned);
    }
}

using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary>
/// <c>POST /api/admin/workers/{userId}/lock</c> and <c>/unlock</c>: a locked account cannot sign in (the same 401 as a
/// wrong password) and its sessions end at once; unlike deactivation, its claimed steps stay (a short suspension,
/// e.g. a lost phone). The same state again is 409.
/// </summary>
public sealed class ChangeWorkerLock(
    AdminScope scope, AdminAudit audit, UserManager<User> users, SessionRevocation revocation, UnitOfWork unitOfWork, WorkerViews views, TimeProvider time)
{
    public async Task<WorkerView> HandleAsync(Guid userId, bool locked, CancellationToken cancellationToken)
    {
        var worker = await scope.GetWorkerAsync(userId, cancellationToken);
        var district = await scope.DistrictOfAsync(worker, cancellationToken);
        scope.EnsureNotSelf(worker.Id);
        var now = time.GetUtcNow();
        if ((worker.LockoutEnabled && worker.LockoutEnd > now) == locked)
        {
            throw ApiException.Conflict(ProblemCode.WorkerAlreadyInState);
        }

        await unitOfWork.ExecuteAsync(async ct =>
        {
            worker.LockoutEnabled = true;
            worker.LockoutEnd = locked ? DateTimeOffset.MaxValue : null;
            InviteWorker.Require(await users.UpdateSecurityStampAsync(worker));
            if (locked)
            {
                await revocation.RevokeAllAsync(worker.Id, SessionRevocation.Deactivated, ct);
            }

            audit.Change("isLocked", !locked, locked).Record(locked ? AdminActions.WorkerLocked : AdminActions.WorkerUnlocked, $"user:{worker.Id}", district);
        }, cancellationToken);
        return await views.BuildAsync(worker, cancellationToken);
    }
}

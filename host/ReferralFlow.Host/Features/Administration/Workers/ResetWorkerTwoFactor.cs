using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary>
/// <c>POST /api/admin/workers/{userId}/reset-two-factor</c>: turns a worker's two-factor sign-in off (a lost phone),
/// discards their authenticator key and recovery codes and ends their sessions; where two-factor sign-in is required
/// they enrol a new authenticator at their next sign-in. Audited; not for one's own account (409); 409 when off already.
/// </summary>
public sealed class ResetWorkerTwoFactor(
    AdminScope scope, AdminAudit audit, UserManager<User> users, SessionRevocation revocation, UnitOfWork unitOfWork, WorkerViews views)
{
    public async Task<WorkerView> HandleAsync(Guid userId, CancellationToken cancellationToken)
    {
        var worker = await scope.GetWorkerAsync(userId, cancellationToken);
        var district = await scope.DistrictOfAsync(worker, cancellationToken);
        scope.EnsureNotSelf(worker.Id);
        if (!worker.TwoFactorEnabled)
        {
            throw ApiException.Conflict(ProblemCode.TwoFactorNotEnabled);
        }

        await unitOfWork.ExecuteAsync(async ct =>
        {
            InviteWorker.Require(await users.SetTwoFactorEnabledAsync(worker, false));
            InviteWorker.Require(await users.ResetAuthenticatorKeyAsync(worker));
            await users.GenerateNewTwoFactorRecoveryCodesAsync(worker, 0);
            await revocation.RevokeAllAsync(worker.Id, SessionRevocation.TwoFactorReset, ct);
            audit.Change("twoFactorEnabled", true, false).Record(AdminActions.TwoFactorReset, $"user:{worker.Id}", district);
        }, cancellationToken);
        return await views.BuildAsync(worker, cancellationToken);
    }
}

using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Invitations;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary>
/// <c>POST /api/admin/workers/{userId}/reset-password</c>: mails the worker a new one-time link to choose a new password
/// (administrators never choose or see one); older links stop working. The current password works until the new one
/// is set, which ends every session.
/// </summary>
public sealed class ResetWorkerPassword(AdminScope scope, AdminAudit audit, InvitationLinks links, UnitOfWork unitOfWork, WorkerViews views)
{
    public async Task<WorkerView> HandleAsync(Guid userId, CancellationToken cancellationToken)
    {
        var worker = await scope.GetWorkerAsync(userId, cancellationToken);
        var district = await scope.DistrictOfAsync(worker, cancellationToken);
        if (!worker.IsActive)
        {
            throw ApiException.Conflict(ProblemCode.WorkerInactive);
        }

        await unitOfWork.ExecuteAsync(async ct =>
        {
            var purpose = worker.PasswordHash is null ? InvitationPurpose.Invite : InvitationPurpose.PasswordReset;
            await links.IssueAsync(worker.Id, purpose, ct);
            audit.Change("purpose", null, purpose.ToString()).Record(AdminActions.PasswordResetSent, $"user:{worker.Id}", district);
        }, cancellationToken);
        return await views.BuildAsync(worker, cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Invitations;
using ReferralFlow.Host.Features.Tasks;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary>
/// What happens when a worker leaves an agency (moved elsewhere or deactivated), in one transaction with the change
/// itself: the steps they had claimed go back to the agency queue through the handover (a timeline row each, their
/// supervisors told by mail), their sessions, refresh tokens and open links stop working at once.
/// </summary>
public sealed class WorkerRotation(
    UnitOfWork unitOfWork, HandOverTasks handover, AdminMessages messages, InvitationLinks links, SessionRevocation revocation, ReferralFlowDbContext db)
{
    /// <summary>Runs <paramref name="change"/> (which changes the user) with the release; answers how many steps returned.</summary>
    public async Task<int> LeaveAgencyAsync(User worker, string reason, Func<CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        try
        {
            return await unitOfWork.ExecuteAsync(async ct =>
            {
                var tasks = await handover.ReleaseAsync(worker.Id.ToString(), worker.AgencyId, null, null, ct);
                var instanceIds = tasks.Select(t => t.InstanceId).Distinct().ToList();
                var referrals = await db.Referrals.AsNoTracking().Where(r => instanceIds.Contains(r.InstanceId))
                    .ToDictionaryAsync(r => r.InstanceId, r => (r.Id, r.Number), ct);
                foreach (var task in tasks)
                {
                    task.Revision++;
                    var referral = referrals.TryGetValue(task.InstanceId, out var found) ? found : default;
                    messages.TaskReturned(task, referral.Id == Guid.Empty ? null : referral.Id, referral.Number);
                }

                await change(ct);
                await links.RevokeAsync(worker.Id, ct);
                await revocation.RevokeAllAsync(worker.Id, reason, ct);
                return tasks.Count;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A step changed under us (claimed, completed); nothing was saved, the administrator tries again.
            throw ApiException.Conflict(ProblemCode.ConcurrencyConflict);
        }
    }
}

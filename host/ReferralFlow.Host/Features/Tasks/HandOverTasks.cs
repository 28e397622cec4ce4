using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// <c>POST /api/tasks/handover</c> with <c>fromUserId</c> and optional <c>toUserId</c>: when a worker leaves or
/// rotates, a supervisor of their agency returns all their open tasks to the agency queue, or gives them to a colleague.
/// Tasks belong to the agency, never only to a person: each keeps its history and gets a <c>task-handed-over</c> row.
/// The colleague is told of each (bell, and one batched email as they chose).
/// </summary>
public sealed class HandOverTasks(
    TaskAccess access, TaskViews views, AuditLog audit, UnitOfWork unitOfWork, ReferralFlowDbContext db, WorkTaskStore taskStore, AssignmentAlerts alerts)
{
    public sealed record Request(Guid FromUserId, Guid? ToUserId, string? Reason);

    public sealed record Response(int Count, IReadOnlyList<TaskItem> Tasks);

    public async Task<Response> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var errors = new ProblemErrors();
        errors.Text("reason", request.Reason, ReturnTask.MaxReasonLength);
        if (request.FromUserId == Guid.Empty)
        {
            errors.Add("fromUserId", ProblemCode.FieldRequired, ProblemLabel.FromWorker);
        }

        if (request.ToUserId == request.FromUserId)
        {
            errors.Add("toUserId", ProblemCode.HandoverSameWorker);
        }

        errors.ThrowIfAny();
        var user = access.User;
        if (!user.IsSystemAdmin && !user.IsSupervisor)
        {
            throw ApiException.Forbidden(ProblemCode.HandoverForbidden);
        }

        var from = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.FromUserId, cancellationToken);
        if (from is null || (!user.IsSystemAdmin && from.AgencyId != user.AgencyId))
        {
            throw ApiException.Invalid("fromUserId", ProblemCode.WorkerNotInAgency);
        }

        string? to = null;
        if (request.ToUserId is { } toUserId)
        {
            if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == toUserId && u.IsActive && u.AgencyId == from.AgencyId, cancellationToken))
            {
                throw ApiException.Invalid("toUserId", ProblemCode.ColleagueInvalid);
            }

            to = toUserId.ToString();
        }

        var tasks = await ReleaseAsync(from.Id.ToString(), from.AgencyId, to, request.Reason?.Trim(), cancellationToken);
        if (tasks.Count > 0)
        {
            await access.SaveAsync(unitOfWork, tasks, cancellationToken);
        }

        return new Response(tasks.Count, await views.BuildAsync(tasks, cancellationToken));
    }

    /// <summary>
    /// Returns a worker's open tasks of an agency to its queue (<paramref name="to"/> null) or gives them to a colleague,
    /// each with a <c>task-handed-over</c> timeline row and an audit entry. The rows are tracked and not yet saved: the
    /// caller bumps their revisions and saves them in its unit of work (also district administration's, when a worker
    /// moves or leaves, so the release and the account change are one transaction).
    /// </summary>
    public async Task<List<WorkTaskRecord>> ReleaseAsync(string fromId, string agency, string? to, string? reason, CancellationToken cancellationToken)
    {
        var tasks = await taskStore.ForUpdate.Where(t => t.Status == WorkTaskStatus.Open && t.Assignee == fromId && t.AgencyId == agency)
            .OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        var instanceIds = tasks.Select(t => t.InstanceId).Distinct().ToList();
        var referralIds = await db.Referrals.AsNoTracking().Where(r => instanceIds.Contains(r.InstanceId))
            .Select(r => new { r.InstanceId, r.Id }).ToDictionaryAsync(r => r.InstanceId, r => r.Id, cancellationToken);
        foreach (var task in tasks)
        {
            access.AddTimeline(task, TaskTimelineTypes.HandedOver, new()
            {
                ["previousAssignee"] = fromId,
                ["assignee"] = to,
                ["reason"] = reason,
            });
            task.Assignee = to;
            await alerts.AssignedAsync(task, to, null, cancellationToken);
            audit.Record(AuditActions.TaskReassigned, referralIds.TryGetValue(task.InstanceId, out var referralId) ? referralId : null, $"handover of task {task.Id}");
        }

        return tasks;
    }
}

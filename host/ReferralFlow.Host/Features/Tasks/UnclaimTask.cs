using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/unclaim</c>: puts a claimed task back into the agency queue. Only its assignee or a
/// supervisor of the agency (403 for other workers); 409 on a stale version. Writes a <c>task-unclaimed</c> timeline row.
/// </summary>
public sealed class UnclaimTask(TaskAccess access, TaskViews views, AuditLog audit, UnitOfWork unitOfWork)
{
    public sealed record Request(int? Version);

    public async Task<TaskItem> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
    {
        var expected = request.Version;
        var task = await access.GetActionableAsync(id, cancellationToken, track: true);
        TaskVersion.Check(task, expected);
        TaskAccess.EnsureOpen(task);
        if (task.Assignee is not null)
        {
            if (task.Assignee != access.UserId && !access.IsAgencySupervisor(task))
            {
                throw ApiException.Forbidden(ProblemCode.UnclaimForbidden);
            }

            access.AddTimeline(task, TaskTimelineTypes.Unclaimed, new() { ["previousAssignee"] = task.Assignee });
            task.Assignee = null;
            audit.Record(AuditActions.TaskUnclaimed, await access.GetReferralIdAsync(task.InstanceId, cancellationToken), $"task {task.Id}");
            await access.SaveAsync(unitOfWork, [task], cancellationToken);
        }

        return await views.BuildAsync(task, cancellationToken);
    }
}

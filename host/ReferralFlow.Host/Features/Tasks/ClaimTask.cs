using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/claim</c>: the caller takes an open task of their agency's queue. Idempotent for the
/// assignee; 409 when another worker holds it or the version (<c>If-Match</c> or <c>version</c>) is stale. Writes a
/// <c>task-claimed</c> timeline row with the change.
/// </summary>
public sealed class ClaimTask(TaskAccess access, TaskViews views, AuditLog audit, UnitOfWork unitOfWork)
{
    // The task's version the caller read; the endpoint puts If-Match here when sent.
    public sealed record Request(int? Version);

    public async Task<TaskItem> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
    {
        var expected = request.Version;
        var task = await access.GetActionableAsync(id, cancellationToken, track: true);
        TaskVersion.Check(task, expected);
        TaskAccess.EnsureOpen(task);
        if (task.Assignee != access.UserId)
        {
            if (task.Assignee is not null)
            {
                throw ApiException.Conflict(ProblemCode.TaskClaimed,
                    new Dictionary<string, object?> { ["assigneeId"] = task.Assignee, ["currentVersion"] = task.Revision });
            }

            task.Assignee = access.UserId;
            access.AddTimeline(task, TaskTimelineTypes.Claimed, new() { ["assignee"] = access.UserId });
            audit.Record(AuditActions.TaskClaimed, await access.GetReferralIdAsync(task.InstanceId, cancellationToken), $"task {task.Id}");
            await access.SaveAsync(unitOfWork, [task], cancellationToken);
        }

        return await views.BuildAsync(task, cancellationToken);
    }
}

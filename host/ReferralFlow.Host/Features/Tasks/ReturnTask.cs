using System.ComponentModel.DataAnnotations;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/return</c> with a <c>reason</c>: the step cannot be done here (wrong agency, the household
/// refused …), so the open task goes back, unassigned, to the referral's referring agency, which decides what happens
/// next. Writes a <c>task-returned</c> timeline row with the reason. For the agency the task is offered to; a task
/// another worker holds needs them or a supervisor.
/// </summary>
public sealed class ReturnTask(TaskAccess access, TaskViews views, AuditLog audit, UnitOfWork unitOfWork)
{
    public const int MaxReasonLength = 1000;

    public sealed record Request([Required] string? Reason, int? Version);

    public async Task<TaskItem> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
    {
        var errors = new ProblemErrors();
        errors.Text("reason", request.Reason, MaxReasonLength, ProblemCode.ReasonRequired);
        errors.ThrowIfAny();
        var expected = request.Version;
        var task = await access.GetActionableAsync(id, cancellationToken, track: true);
        TaskVersion.Check(task, expected);
        TaskAccess.EnsureOpen(task);
        access.EnsureNotClaimedByOther(task);
        var referral = await access.GetReferralAsync(task.InstanceId, cancellationToken)
            ?? throw ApiException.Conflict(ProblemCode.TaskWithoutReferral);
        if (task.AgencyId == referral.ReferringAgencyId)
        {
            throw ApiException.Conflict(ProblemCode.AlreadyWithReferrer);
        }

        access.AddTimeline(task, TaskTimelineTypes.Returned, new()
        {
            ["reason"] = request.Reason!.Trim(),
            ["fromAgency"] = task.AgencyId,
            ["toAgency"] = referral.ReferringAgencyId,
            ["previousAssignee"] = task.Assignee,
        });
        task.AgencyId = referral.ReferringAgencyId;
        task.Assignee = null;
        audit.Record(AuditActions.TaskReturned, referral.Id, $"task {task.Id}");
        await access.SaveAsync(unitOfWork, [task], cancellationToken);
        return await views.BuildAsync(task, cancellationToken);
    }
}

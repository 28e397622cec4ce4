using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/reassign</c> with <c>assigneeId</c> and/or <c>agencyId</c> and a <c>reason</c>: a supervisor
/// of the task's agency gives it to one of the agency's active workers; the district hub (or a system administrator)
/// may also move it to another active agency of the district (a deactivated one: 400 <c>agency-inactive</c>), which then takes part in the referral in that role (it may read
/// the referral; the household's data only as far as the consent covers it). 403 for other workers. Writes a
/// <c>task-reassigned</c> timeline row; the new assignee is told (bell, and email as they chose).
/// </summary>
public sealed class ReassignTask(TaskAccess access, TaskViews views, AuditLog audit, UnitOfWork unitOfWork, ReferralFlowDbContext db, AssignmentAlerts alerts)
{
    [RequiresAnyOf("assigneeId", "agencyId")]
    public sealed record Request(Guid? AssigneeId, string? AgencyId, [Required] string? Reason, int? Version);

    public async Task<TaskItem> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
    {
        var errors = new ProblemErrors();
        errors.Text("reason", request.Reason, ReturnTask.MaxReasonLength, ProblemCode.ReasonRequired);
        if (request.AssigneeId is null && string.IsNullOrWhiteSpace(request.AgencyId))
        {
            errors.Add("assigneeId", ProblemCode.ReassignTargetRequired);
        }

        errors.ThrowIfAny();
        var expected = request.Version;
        var task = await access.GetOverseeableAsync(id, cancellationToken, track: true);
        var toAgency = string.IsNullOrWhiteSpace(request.AgencyId) ? task.AgencyId : request.AgencyId.Trim();
        var movesAgency = toAgency != task.AgencyId;
        if (movesAgency ? !access.OverseesDistrict : (!access.IsAgencySupervisor(task) && !access.OverseesDistrict))
        {
            throw ApiException.Forbidden(movesAgency
                ? ProblemCode.ReassignAgencyForbidden
                : ProblemCode.ReassignForbidden);
        }

        TaskVersion.Check(task, expected);
        TaskAccess.EnsureOpen(task);
        if (movesAgency)
        {
            var district = access.User.District;
            var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == toAgency, cancellationToken);
            if (agency is null || (!access.User.IsSystemAdmin && agency.District != district))
            {
                throw ApiException.Invalid("agencyId", ProblemCode.AgencyNotInDistrict, toAgency, district);
            }

            if (!agency.IsActive)
            {
                // A deactivated agency keeps its running steps but takes no new ones.
                throw ApiException.Invalid("agencyId", ProblemCode.AgencyInactive, agency.Id);
            }
        }

        string? toAssignee = null;
        if (request.AssigneeId is { } assigneeId)
        {
            var ok = await db.Users.AsNoTracking().AnyAsync(u => u.Id == assigneeId && u.IsActive && u.AgencyId == toAgency, cancellationToken);
            if (!ok)
            {
                throw ApiException.Invalid("assigneeId", ProblemCode.AssigneeNotInAgency, toAgency);
            }

            toAssignee = assigneeId.ToString();
        }

        access.AddTimeline(task, TaskTimelineTypes.Reassigned, new()
        {
            ["reason"] = request.Reason!.Trim(),
            ["fromAgency"] = task.AgencyId,
            ["toAgency"] = toAgency,
            ["previousAssignee"] = task.Assignee,
            ["assignee"] = toAssignee,
        });
        var referralId = await access.GetReferralIdAsync(task.InstanceId, cancellationToken);
        if (movesAgency && referralId is { } joined && task.RoleKey is { } role
            && !await db.ReferralParticipants.AnyAsync(p => p.ReferralId == joined && p.RoleKey == role && p.AgencyId == toAgency, cancellationToken))
        {
            db.ReferralParticipants.Add(new ReferralParticipant { ReferralId = joined, RoleKey = role, AgencyId = toAgency! });
        }

        task.AgencyId = toAgency;
        task.Assignee = toAssignee;
        audit.Record(AuditActions.TaskReassigned, referralId, $"task {task.Id}");
        await alerts.AssignedAsync(task, toAssignee, access.User.Id, cancellationToken);
        await access.SaveAsync(unitOfWork, [task], cancellationToken);
        return await views.BuildAsync(task, cancellationToken);
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.Referrals;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/reassign</c> with <c>assigneeId</c> and/or <c>agencyId</c> and a <c>reason</c>: a supervisor
/// of the task's agency gives it to one of the agency's active workers; the district hub (or a system administrator)
/// may also move it to another agency of the district, which then takes part in the referral in that role (it may read
/// the referral; the household's data only as far as the consent covers it). 403 for other workers. Writes a
/// <c>task-reassigned</c> timeline row.
/// </summary>
internal static class ReassignTask
{
    [RequiresAnyOf("assigneeId", "agencyId")]
    public sealed record Request(Guid? AssigneeId, string? AgencyId, [Required] string? Reason, int? Version);

    public static async Task<TaskItem> HandleAsync(
        Guid id, Request request, HttpContext http, TaskAccess access, TaskViews views, AuditLog audit, UnitOfWork unitOfWork,
        ReferralFlowDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text("reason", request.Reason, ReturnTask.MaxReasonLength, required: true, "Say why the task is reassigned.");
        if (request.AssigneeId is null && string.IsNullOrWhiteSpace(request.AgencyId))
        {
            errors.Add("assigneeId", "Name the worker (assigneeId) or the agency (agencyId) to give the task to.");
        }

        errors.ThrowIfAny();
        var expected = TaskVersion.Expected(http.Request, request.Version);
        var task = await access.GetOverseeableAsync(id, cancellationToken, track: true);
        var toAgency = string.IsNullOrWhiteSpace(request.AgencyId) ? task.AgencyId : request.AgencyId.Trim();
        var movesAgency = toAgency != task.AgencyId;
        if (movesAgency ? !access.OverseesDistrict : (!access.IsAgencySupervisor(task) && !access.OverseesDistrict))
        {
            throw ApiException.Forbidden(movesAgency
                ? "Only the district hub moves a task to another agency."
                : "Only a supervisor of the agency or the district hub reassigns a task.");
        }

        TaskVersion.Check(task, expected);
        TaskAccess.EnsureOpen(task);
        if (movesAgency)
        {
            var district = access.User.District;
            var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == toAgency, cancellationToken);
            if (agency is null || (!access.User.IsSystemAdmin && agency.District != district))
            {
                throw ApiException.Invalid("agencyId", $"No agency '{toAgency}' in your district.");
            }
        }

        string? toAssignee = null;
        if (request.AssigneeId is { } assigneeId)
        {
            var ok = await db.Users.AsNoTracking().AnyAsync(u => u.Id == assigneeId && u.IsActive && u.AgencyId == toAgency, cancellationToken);
            if (!ok)
            {
                throw ApiException.Invalid("assigneeId", $"The worker must be an active member of the agency '{toAgency}'.");
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
        await access.SaveAsync(unitOfWork, [task], cancellationToken);
        TaskVersion.SetETag(http, task.Revision);
        return await views.BuildAsync(task, cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// Finds the task rows a caller may act on or oversee, and holds the rules the task actions share. A worker acts on the
/// tasks offered to their own agency (others get 404: existence is not revealed); a claimed task is its assignee's
/// unless a supervisor of the agency steps in; the district hub oversees every task of its district's referrals.
/// </summary>
public sealed class TaskAccess(
    WorkflowReadModel workflow, WorkTaskStore tasks, WorkflowJournal journal, ReferralFlowDbContext db, ReferralAccess referrals, CurrentUser user, TimeProvider time)
{
    /// <summary>The caller's id as task rows store it (<see cref="WorkTaskRecord.Assignee"/>, timeline actor).</summary>
    public string UserId => user.Id.ToString();

    public CurrentUser User => user;

    /// <summary>A task offered to the caller's agency (any task for a system administrator), or 404.</summary>
    public async Task<WorkTaskRecord> GetActionableAsync(Guid id, CancellationToken cancellationToken, bool track = false)
    {
        var query = referrals.ActionableTasks(track ? tasks.ForUpdate : workflow.Tasks).Where(t => t.Id == id);
        return await query.SingleOrDefaultAsync(cancellationToken) ?? throw NotFound();
    }

    /// <summary>An actionable task, or for the district hub any task of a referral in its district; otherwise 404.</summary>
    public Task<WorkTaskRecord> GetOverseeableAsync(Guid id, CancellationToken cancellationToken, bool track = false) =>
        GetVisibleAsync(id, caseOwnerReads: false, track, cancellationToken);

    /// <summary>
    /// A task the caller may read: an overseeable one, or any step of a referral the caller's agency owns as its public
    /// case owner (read only: the owner's control tower lists them). Otherwise 404.
    /// </summary>
    public Task<WorkTaskRecord> GetReadableAsync(Guid id, CancellationToken cancellationToken) =>
        GetVisibleAsync(id, caseOwnerReads: true, track: false, cancellationToken);

    private async Task<WorkTaskRecord> GetVisibleAsync(Guid id, bool caseOwnerReads, bool track, CancellationToken cancellationToken)
    {
        var task = await (track ? tasks.ForUpdate : workflow.Tasks).Where(t => t.Id == id).SingleOrDefaultAsync(cancellationToken) ?? throw NotFound();
        if (user.IsSystemAdmin || (task.AgencyId is not null && task.AgencyId == user.AgencyId))
        {
            return task;
        }

        return await referrals.OverseesInstanceAsync(task.InstanceId, caseOwnerReads, cancellationToken) ? task : throw NotFound();
    }

    /// <summary>A supervisor (or agency admin) of the agency the task is offered to, or a system administrator.</summary>
    public bool IsAgencySupervisor(WorkTaskRecord task) =>
        user.IsSystemAdmin || (user.IsSupervisor && task.AgencyId is not null && task.AgencyId == user.AgencyId);

    /// <summary>The district hub or a system administrator (moves tasks between agencies, reads the district).</summary>
    public bool OverseesDistrict => user.IsSystemAdmin || user.IsDistrictHub;

    public static void EnsureOpen(WorkTaskRecord task)
    {
        if (task.Status != WorkTaskStatus.Open)
        {
            throw ApiException.Conflict(ProblemCode.TaskNotOpen,
                new Dictionary<string, object?> { ["status"] = task.Status.ToString().ToLowerInvariant(), ["currentVersion"] = task.Revision });
        }
    }

    /// <summary>409 when another worker has claimed the task, unless the caller supervises the agency.</summary>
    public void EnsureNotClaimedByOther(WorkTaskRecord task)
    {
        if (task.Assignee is not null && task.Assignee != UserId && !IsAgencySupervisor(task))
        {
            throw ApiException.Conflict(ProblemCode.TaskClaimed,
                new Dictionary<string, object?> { ["assigneeId"] = task.Assignee, ["currentVersion"] = task.Revision });
        }
    }

    /// <summary>The referral routed by the instance, with participants, consents and grants (read-only), or null.</summary>
    public Task<Referral?> GetReferralAsync(Guid instanceId, CancellationToken cancellationToken) =>
        referrals.ByInstanceAsync(instanceId, cancellationToken);

    public Task<Guid?> GetReferralIdAsync(Guid instanceId, CancellationToken cancellationToken) =>
        db.Referrals.Where(r => r.InstanceId == instanceId).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The user task element of the row in its published version (parsed once per process).</summary>
    public async Task<UserTask?> GetStepAsync(WorkTaskRecord task, CancellationToken cancellationToken) =>
        (await GetDefinitionAsync(task.InstanceId, cancellationToken)).TryGetNode(task.NodeId, out var node) ? node as UserTask : null;

    /// <summary>The published version an instance runs on (parsed once per process).</summary>
    public async Task<WorkflowDefinition> GetDefinitionAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var versionId = await workflow.Instances.Where(i => i.Id == instanceId).Select(i => i.VersionId).SingleAsync(cancellationToken);
        return await workflow.GetDefinitionAsync(versionId, cancellationToken);
    }

    /// <summary>Adds a case timeline row for a host-side task change (saved with the change).</summary>
    public void AddTimeline(WorkTaskRecord task, string type, Dictionary<string, object?> data) =>
        journal.AppendTimeline(task.InstanceId, time.GetUtcNow(), type, task.NodeId, task.TaskId, UserId, VariableJson.ToJson(data));

    /// <summary>
    /// Saves the tracked task changes, their timeline rows and the pending audit entries in one transaction. The task's
    /// revision is its concurrency token, so a change that raced another answers 409 with the version now stored.
    /// </summary>
    public async Task SaveAsync(UnitOfWork unitOfWork, IReadOnlyCollection<WorkTaskRecord> changed, CancellationToken cancellationToken)
    {
        foreach (var task in changed)
        {
            task.Revision++;
        }

        try
        {
            await unitOfWork.ExecuteAsync(tasks.SaveAsync, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var current = await tasks.RevisionAfterConflictAsync(ex, cancellationToken);
            throw current is { } revision ? TaskVersion.Stale(revision) : NotFound();
        }
    }

    private static ApiException NotFound() => ApiException.NotFound(ProblemCode.TaskNotFound);
}

/// <summary>Timeline event types the host writes for task changes (the engine writes created/completed/cancelled).</summary>
public static class TaskTimelineTypes
{
    public const string Claimed = "task-claimed";
    public const string Unclaimed = "task-unclaimed";
    public const string Returned = "task-returned";
    public const string Reassigned = "task-reassigned";
    public const string HandedOver = "task-handed-over";
}

using System.Xml;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// A task as lists and actions return it. <c>OverdueBy</c> is an ISO 8601 duration (e.g. <c>P1DT4H</c>) while an open
/// task is past its deadline; <c>Version</c> is the row's revision, the ETag to send back with the next action.
/// </summary>
public sealed record TaskItem(
    Guid Id,
    TaskReferral? Referral,
    string? WorkflowKey,
    TaskStep Step,
    string? Role,
    AgencyRef? Agency,
    UserRef? Assignee,
    WorkTaskStatus Status,
    DateTimeOffset? DueAt,
    string? OverdueBy,
    int EscalationLevel,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    int Version);

/// <summary>The referral a task belongs to: its number and dong only (no personal data in lists).</summary>
public sealed record TaskReferral(Guid Id, string Number, string? Dong);

/// <summary>The step: the BPMN user task's id and name, and the instance-local task id.</summary>
public sealed record TaskStep(string NodeId, string Name, int TaskId);

/// <summary>Builds <see cref="TaskItem"/>s for a page of rows with one lookup per related table.</summary>
public sealed class TaskViews(WorkflowReadModel workflow, ReferralFlowDbContext db, TimeProvider time)
{
    public async Task<TaskItem> BuildAsync(WorkTaskRecord task, CancellationToken cancellationToken) =>
        (await BuildAsync([task], cancellationToken))[0];

    public async Task<IReadOnlyList<TaskItem>> BuildAsync(IReadOnlyList<WorkTaskRecord> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
        {
            return [];
        }

        var instanceIds = tasks.Select(t => t.InstanceId).Distinct().ToList();
        var keys = await (from i in workflow.Instances
                          join v in workflow.Versions on i.VersionId equals v.Id
                          join d in workflow.Definitions on v.DefinitionId equals d.Id
                          where instanceIds.Contains(i.Id)
                          select new { i.Id, d.Key }).ToDictionaryAsync(x => x.Id, x => x.Key, cancellationToken);
        var referrals = await db.Referrals.AsNoTracking().Where(r => instanceIds.Contains(r.InstanceId))
            .Select(r => new { r.InstanceId, r.Id, r.Number, r.Dong })
            .ToDictionaryAsync(r => r.InstanceId, r => new TaskReferral(r.Id, r.Number, r.Dong), cancellationToken);
        var agencyIds = tasks.Select(t => t.AgencyId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, StringComparer.Ordinal, cancellationToken);
        var users = await CaseRows.UserNamesAsync(db, tasks.Select(t => t.Assignee), cancellationToken);
        var now = time.GetUtcNow();
        return [.. tasks.Select(t => new TaskItem(
            t.Id,
            referrals.GetValueOrDefault(t.InstanceId),
            keys.GetValueOrDefault(t.InstanceId),
            new TaskStep(t.NodeId, t.Name, t.TaskId),
            t.RoleKey,
            t.AgencyId is null ? null : new AgencyRef(t.AgencyId, agencies.GetValueOrDefault(t.AgencyId, t.AgencyId)),
            CaseRows.UserRef(t.Assignee, users),
            t.Status,
            t.DueAt,
            OverdueBy(t, now),
            t.EscalationLevel,
            t.CreatedAt,
            t.CompletedAt,
            t.Revision))];
    }

    private static string? OverdueBy(WorkTaskRecord task, DateTimeOffset now) =>
        task.Status == WorkTaskStatus.Open && task.DueAt is { } due && due < now
            ? XmlConvert.ToString(TimeSpan.FromSeconds(Math.Floor((now - due).TotalSeconds)))
            : null;
}

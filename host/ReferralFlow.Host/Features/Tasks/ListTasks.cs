using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// <c>GET /api/tasks</c>: the tasks offered to the caller's agency, filtered — <c>mine</c> (assigned to me),
/// <c>queue</c> (my agency's unclaimed), <c>overdue</c> (open and past the deadline), <c>escalated</c> (an escalation level was reached), <c>referralId</c>, <c>status</c>
/// (<c>open</c> by default, <c>completed</c>, <c>cancelled</c>), <c>workflowKey</c>, <c>dong</c>; supervisors may filter
/// by <c>assigneeId</c>; the district hub reads every task of its district with <c>district=true</c>; a public case owner
/// reads every task of the referrals its agency owns, whichever agency holds them, with <c>owned=true</c>. Overdue first,
/// then by deadline (no deadline last), then by creation and id; <see cref="Paging"/> with <c>limit</c> and <c>cursor</c>.
/// </summary>
public sealed class ListTasks(
    TaskAccess access, ReferralAccess referrals, TaskViews views, WorkflowReadModel workflow, WorkflowDbContext engine, ReferralFlowDbContext db, TimeProvider time)
{
    public sealed record Query(
        bool? Mine = null, bool? Queue = null, bool? Overdue = null, Guid? ReferralId = null, string? Status = null, string? WorkflowKey = null,
        string? Dong = null, Guid? AssigneeId = null, bool? District = null, bool? Escalated = null, bool? Owned = null, int? Limit = null, string? Cursor = null);

    public Task<Page<TaskItem>> HandleAsync(Query query, CancellationToken cancellationToken) =>
        ListAsync(query, Paging.Limit(query.Limit), Paging.Read(query.Cursor, 3), 0, cancellationToken);

    /// <summary>
    /// The tasks after <paramref name="after"/> (the API's cursor) or from <paramref name="offset"/> (the pages' numbered
    /// pages, which may also ask for more than the API's limit), in the same order with the same filters.
    /// </summary>
    public async Task<Page<TaskItem>> ListAsync(Query query, int limit, CursorKey? after, int offset, CancellationToken cancellationToken)
    {
        var user = access.User;
        var status = ParseStatus(query.Status);
        if (query.District == true && !access.OverseesDistrict)
        {
            throw ApiException.Forbidden(ProblemCode.DistrictListForbidden);
        }

        var everyAgency = query.District == true || query.Owned == true;
        var tasks = query.ReferralId is null && (everyAgency || query.Dong is not null)
            ? InReferrals(query)
            : workflow.Tasks;
        tasks = everyAgency ? tasks : referrals.ActionableTasks(tasks);

        // One referral: its instance id (the scope's filters still apply to it).
        if (query.ReferralId is { } referralId)
        {
            var matching = (query.District == true ? referrals.District() : query.Owned == true ? referrals.Owned() : db.Referrals).AsNoTracking();
            if (query.District == true && query.Owned == true)
            {
                matching = matching.Intersect(referrals.Owned());
            }

            matching = matching.Where(r => r.Id == referralId);
            if (query.Dong is { } dong)
            {
                matching = matching.Where(r => r.Dong == dong);
            }

            var instanceIds = await matching.Select(r => r.InstanceId).ToListAsync(cancellationToken);
            tasks = tasks.Where(t => instanceIds.Contains(t.InstanceId));
        }

        // Open as a constant, not a parameter: the planners (SQLite's always, PostgreSQL's for a generic plan) use the
        // partial open-step indexes only when the query's condition is the index's own.
        tasks = status == WorkTaskStatus.Open ? tasks.Where(t => t.Status == WorkTaskStatus.Open) : tasks.Where(t => t.Status == status);
        var me = access.UserId;
        if (query.Mine == true)
        {
            tasks = tasks.Where(t => t.Assignee == me);
        }

        if (query.Queue == true)
        {
            var agency = user.AgencyId;
            tasks = tasks.Where(t => t.Assignee == null && t.AgencyId == agency);
        }

        if (query.Overdue == true)
        {
            var now = time.GetUtcNow();
            tasks = tasks.Where(t => t.Status == WorkTaskStatus.Open && t.DueAt != null && t.DueAt < now);
        }

        if (query.Escalated == true)
        {
            tasks = tasks.Where(t => t.EscalationLevel > 0);
        }

        if (query.AssigneeId is { } assigneeId)
        {
            if (assigneeId.ToString() != me && !user.IsSupervisor && !access.OverseesDistrict)
            {
                throw ApiException.Forbidden(ProblemCode.AssigneeListForbidden);
            }

            var assignee = assigneeId.ToString();
            tasks = tasks.Where(t => t.Assignee == assignee);
        }

        if (!string.IsNullOrWhiteSpace(query.WorkflowKey))
        {
            var versions = from v in workflow.Versions
                           join d in workflow.Definitions on v.DefinitionId equals d.Id
                           where d.Key == query.WorkflowKey
                           select v.Id;
            tasks = tasks.Where(t => workflow.Instances.Any(i => i.Id == t.InstanceId && versions.Contains(i.VersionId)));
        }

        var (total, capped) = await Paging.CountAsync(tasks, cancellationToken);
        if (after is not null)
        {
            tasks = After(tasks, after.OptionalTime(0), after.Time(1), after.Guid(2));
        }

        // Overdue tasks have the earliest deadlines, so ordering by deadline puts them first; no deadline comes last.
        var rows = await tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Skip(offset).Take(limit + 1).ToListAsync(cancellationToken);
        var items = await views.BuildAsync(rows, cancellationToken);
        var page = Paging.Of(items, limit, t => Paging.Cursor(t.DueAt is { } due ? Paging.Text(due) : "", Paging.Text(t.CreatedAt), Paging.Text(t.Id)), total);
        return page with { TotalCapped = capped };
    }

    // Referrals live in the host's tables of the same database: their filters become an EXISTS the planner can run per
    // task while it walks the open tasks in list order (index ix_work_tasks_status_order), instead of a list of ids.
    private IQueryable<WorkTaskRecord> InReferrals(Query query)
    {
        var conditions = new List<string> { "r.instance_id = t.instance_id" };
        var arguments = new List<object>();
        void Add(string column, string value)
        {
            conditions.Add($"r.{column} = {{{arguments.Count}}}");
            arguments.Add(value);
        }

        if (query.District == true)
        {
            // The district hub's district; a system administrator's is every district.
            if (!access.User.IsSystemAdmin)
            {
                Add("district", access.User.District);
            }
        }

        if (query.Owned == true)
        {
            Add("public_owner_agency_id", access.User.AgencyId);
        }

        if (query.Dong is { } dong)
        {
            Add("dong", dong);
        }

        var sql = "SELECT t.* FROM work_tasks AS t WHERE EXISTS (SELECT 1 FROM referrals AS r WHERE " + string.Join(" AND ", conditions) + ")";
        return engine.Tasks.FromSqlRaw(sql, [.. arguments]).AsNoTracking();
    }

    // The tasks after (due, created, id) in the order above.
    private static IQueryable<WorkTaskRecord> After(IQueryable<WorkTaskRecord> tasks, DateTimeOffset? due, DateTimeOffset created, Guid id) =>
        due is { } deadline
            ? tasks.Where(t => t.DueAt == null || t.DueAt > deadline
                || (t.DueAt == deadline && (t.CreatedAt > created || (t.CreatedAt == created && t.Id > id))))
            : tasks.Where(t => t.DueAt == null && (t.CreatedAt > created || (t.CreatedAt == created && t.Id > id)));

    private static WorkTaskStatus ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        null or "" or "open" => WorkTaskStatus.Open,
        "completed" => WorkTaskStatus.Completed,
        "cancelled" => WorkTaskStatus.Cancelled,
        _ => throw ApiException.Invalid("status", ProblemCode.ValueNotAllowed, "open, completed, cancelled"),
    };
}

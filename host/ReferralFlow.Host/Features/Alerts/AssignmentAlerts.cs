using System.Text.Json;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// A worker given a task by someone else (a supervisor's reassignment, a handover) hears of it: a bell entry and, as
/// they chose, an email. Saved with the assignment by its unit of work.
/// </summary>
public sealed class AssignmentAlerts(AlertFanout fanout)
{
    public const string TaskAssigned = "task-assigned";

    /// <param name="task">The task, already given to <paramref name="assignee"/>.</param>
    /// <param name="assignee">The new assignee's user id (null: back to the queue, nobody to tell).</param>
    /// <param name="actor">Who gave it; a worker taking a task themselves is not told.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public Task AssignedAsync(WorkTaskRecord task, string? assignee, Guid? actor, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(assignee, out var userId) || userId == actor)
        {
            return Task.CompletedTask;
        }

        var data = JsonSerializer.Serialize(new { taskRowId = task.Id, agencyId = task.AgencyId });
        return fanout.ToUserAsync(userId, NotificationKind.Assigned, task.InstanceId, task.Id, data, cancellationToken);
    }
}

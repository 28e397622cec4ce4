using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/complete</c>: completes a task of the caller's agency with the outcome form's values, which
/// become the workflow's variables and drive it on. Only the step's own form fields are accepted: free <c>variables</c>
/// are refused (400 naming <c>variables</c>), so one agency cannot rewrite the routing data of another's steps. 400
/// naming each bad <c>outcome.&lt;field&gt;</c>; 409
/// when the task is no longer open, another worker holds it (supervisors may complete it), or a version is stale:
/// <c>version</c>/<c>If-Match</c> is the task's, <c>instanceVersion</c> the workflow instance's. Of two simultaneous
/// completions exactly one succeeds.
/// </summary>
public sealed class CompleteTask(
    TaskAccess access, TaskViews views, AuditLog audit, UnitOfWork unitOfWork, WorkflowRuntime runtime, WorkflowReadModel workflow, WorkTaskStore tasks)
{
    private const int MaxAttempts = 3;

    // Only the step's form: free workflow variables are an unknown property (400 naming it), never merged.
    public sealed record Request(Dictionary<string, JsonElement>? Outcome, int? Version, int? InstanceVersion);

    public sealed record Response(TaskItem Task, InstanceStatus InstanceStatus, int InstanceVersion, IReadOnlyList<TaskItem> NextTasks);

    public async Task<Response> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
    {
        var expected = request.Version;
        var task = await access.GetActionableAsync(id, cancellationToken);
        TaskVersion.Check(task, expected);
        TaskAccess.EnsureOpen(task);
        access.EnsureNotClaimedByOther(task);
        var step = await access.GetStepAsync(task, cancellationToken)
            ?? throw ApiException.Conflict(ProblemCode.StepNoLongerInWorkflow.With(task.NodeId));
        var values = OutcomeForm.Validate(step.Fields, request.Outcome);
        audit.Record(AuditActions.TaskCompleted, await access.GetReferralIdAsync(task.InstanceId, cancellationToken), $"task {task.Id}");

        var me = access.UserId;
        WorkflowCommandOutcome outcome;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                outcome = await unitOfWork.ExecuteAsync(async ct =>
                {
                    // Taking the row at the revision checked above locks it until commit: a concurrent completion (or claim)
                    // waits here and then finds the row changed, so exactly one of them completes the task. The one who
                    // completes becomes the assignee, so the row says who did the step.
                    if (!await tasks.TakeForCompletionAsync(task.Id, task.Revision, me, ct))
                    {
                        var current = await workflow.Tasks.Where(t => t.Id == task.Id).SingleAsync(ct);
                        TaskAccess.EnsureOpen(current);
                        throw TaskVersion.Stale(current.Revision);
                    }

                    return await runtime.CompleteTaskAsync(task.InstanceId, task.TaskId, values, request.InstanceVersion, ct);
                }, cancellationToken);
                break;
            }
            catch (ConcurrencyConflictException) when (request.InstanceVersion is null && attempt < MaxAttempts)
            {
                // Another step of the same referral (a parallel branch) committed first; re-run on fresh state.
            }
        }

        var createdIds = outcome.Effects.OfType<TaskCreated>().Select(c => c.TaskId).ToList();
        var rows = await workflow.Tasks
            .Where(t => t.InstanceId == task.InstanceId && (t.Id == task.Id || createdIds.Contains(t.TaskId)))
            .OrderBy(t => t.TaskId).ToListAsync(cancellationToken);
        var items = await views.BuildAsync(rows, cancellationToken);
        var completed = items.Single(i => i.Id == task.Id);
        return new Response(completed, outcome.Status, outcome.Revision, [.. items.Where(i => i.Id != task.Id)]);
    }
}

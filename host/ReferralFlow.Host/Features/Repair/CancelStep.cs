using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Repair;

/// <summary>
/// <c>POST /api/repair/referrals/{referralId}/steps/{taskId}/cancel</c> (system administrators): cancels an open step.
/// <c>mode: "skip"</c> (default): the task is cancelled and its token leaves the step along its outgoing flows as if it
/// had been completed without an outcome; gateways decide on the current variables. <c>mode: "cancel-branch"</c>: the
/// task is cancelled and its branch ends there; inclusive joins stop waiting for it, a parallel join downstream keeps
/// waiting (repair it too), and the route completes when no step is left.
/// </summary>
public sealed class CancelStep(RepairRunner runner, WorkflowRuntime runtime, WorkflowReadModel workflow)
{
    public const string Skip = "skip";
    public const string CancelBranch = "cancel-branch";

    public sealed record Request([Required] string? Reason, string? Mode = null, int? Version = null);

    public async Task<RepairState> HandleAsync(Guid referralId, int taskId, Request? request, CancellationToken cancellationToken)
    {
        var errors = RepairRunner.ReasonErrors(request?.Reason);
        var mode = string.IsNullOrWhiteSpace(request?.Mode) ? Skip : request.Mode.Trim();
        if (mode is not (Skip or CancelBranch))
        {
            errors.Add("mode", ProblemCode.ValueNotAllowed, $"{Skip}, {CancelBranch}");
        }

        errors.ThrowIfAny();
        var action = mode == Skip ? AuditActions.RepairSkipStep : AuditActions.RepairCancelBranch;
        return await runner.RunAsync(referralId, action, request!.Reason!, request.Version, async (repair, ct) =>
        {
            var instanceId = repair.Referral.InstanceId;
            if (mode == Skip)
            {
                await runtime.SkipTaskAsync(instanceId, taskId, repair.Reason, repair.ExpectedVersion, ct);
            }
            else
            {
                // The engine removes any token by id; through this route only an open step's token may go.
                if (!await workflow.Tasks.AnyAsync(t => t.InstanceId == instanceId && t.TaskId == taskId && t.Status == WorkTaskStatus.Open, ct))
                {
                    throw new WorkflowCommandException(WorkflowCommandError.TaskNotOpen, $"Task {taskId} is not open (already completed, cancelled or unknown).");
                }

                await runtime.CancelBranchAsync(instanceId, taskId, repair.Reason, repair.ExpectedVersion, ct);
            }

            return $"task {taskId}";
        }, cancellationToken);
    }
}

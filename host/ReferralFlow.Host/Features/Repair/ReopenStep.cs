using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Repair;

/// <summary>
/// <c>POST /api/repair/referrals/{referralId}/steps/reopen</c> (system administrators): reopens a step the referral
/// has been through (completed or cancelled) as a new task at that node, beside whatever else is open; once it is
/// completed its token continues from there as usual. Refused with 409 when the step is open already, and when the
/// referral's route has ended: reopening an ended referral is a new referral.
/// </summary>
public sealed class ReopenStep(RepairRunner runner, WorkflowRuntime runtime, WorkflowReadModel workflow)
{
    public sealed record Request([Required] string? NodeId, [Required] string? Reason, int? Version = null);

    public async Task<RepairState> HandleAsync(Guid referralId, Request? request, CancellationToken cancellationToken)
    {
        var errors = RepairRunner.ReasonErrors(request?.Reason);
        if (string.IsNullOrWhiteSpace(request?.NodeId))
        {
            errors.Add("nodeId", ProblemCode.FieldRequired, ProblemLabel.Step);
        }

        errors.ThrowIfAny();
        var nodeId = request!.NodeId!.Trim();
        return await runner.RunAsync(referralId, AuditActions.RepairReopenStep, request.Reason!, request.Version, async (repair, ct) =>
        {
            var instanceId = repair.Referral.InstanceId;
            var status = await workflow.Instances.Where(i => i.Id == instanceId).Select(i => i.Status).SingleAsync(ct);
            if (status != InstanceStatus.Running)
            {
                throw ApiException.Conflict(ProblemCode.InstanceEnded.With(repair.Referral.Number),
                    new Dictionary<string, object?> { ["status"] = status.ToString().ToLowerInvariant() });
            }

            var steps = await workflow.Tasks.Where(t => t.InstanceId == instanceId && t.NodeId == nodeId).Select(t => t.Status).ToListAsync(ct);
            if (steps.Count == 0)
            {
                throw ApiException.Invalid("nodeId", ProblemCode.StepNeverReached, nodeId);
            }

            if (steps.Contains(WorkTaskStatus.Open))
            {
                throw ApiException.Conflict(ProblemCode.StepOpen.With(nodeId));
            }

            try
            {
                await runtime.AddTokenAsync(instanceId, nodeId, repair.Reason, repair.ExpectedVersion, ct);
            }
            catch (WorkflowCommandException ex) when (ex.Error == WorkflowCommandError.InvalidTarget)
            {
                throw ApiException.Invalid("nodeId", ProblemCode.InvalidTarget);
            }

            return $"step {nodeId}";
        }, cancellationToken);
    }
}

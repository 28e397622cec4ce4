using System.ComponentModel.DataAnnotations;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Repair;

/// <summary>
/// <c>POST /api/repair/referrals/{referralId}/tokens/{tokenId}/move</c> (system administrators): moves a waiting or stuck
/// token (for a step, its task id) to another node; its task and timers are cancelled and the route resumes at the target.
/// </summary>
public sealed class MoveToken(RepairRunner runner, WorkflowRuntime runtime)
{
    public sealed record Request([Required] string? TargetNodeId, [Required] string? Reason, int? Version = null);

    public async Task<RepairState> HandleAsync(Guid referralId, int tokenId, Request? request, CancellationToken cancellationToken)
    {
        var errors = RepairRunner.ReasonErrors(request?.Reason);
        if (string.IsNullOrWhiteSpace(request?.TargetNodeId))
        {
            errors.Add("targetNodeId", ProblemCode.FieldRequired, ProblemLabel.TargetNode);
        }

        errors.ThrowIfAny();
        var target = request!.TargetNodeId!.Trim();
        return await runner.RunAsync(referralId, AuditActions.RepairMoveToken, request.Reason!, request.Version, async (repair, ct) =>
        {
            try
            {
                var outcome = await runtime.MoveTokenAsync(repair.Referral.InstanceId, tokenId, target, repair.Reason, repair.ExpectedVersion, ct);
                var from = outcome.Effects.OfType<TokenMoved>().First().FromNodeId;
                return $"token {tokenId} from {from} to {target}";
            }
            catch (WorkflowCommandException ex) when (ex.Error == WorkflowCommandError.InvalidTarget)
            {
                throw ApiException.Invalid("targetNodeId", ProblemCode.InvalidTarget);
            }
        }, cancellationToken);
    }
}

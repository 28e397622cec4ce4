using System.ComponentModel.DataAnnotations;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Repair;

/// <summary>
/// <c>POST /api/repair/referrals/{referralId}/migrate</c> (system administrators): moves a running referral to a newer
/// published version of its workflow (<c>targetVersion</c>, default the latest), keeping its state: open steps, timers,
/// variables. Allowed only when every node that holds a token or a pending timer exists in the new version with the same
/// id and kind; otherwise 409 with <c>unmappedNodeIds</c> and the <c>problems</c> (then move those tokens first).
/// </summary>
public sealed class MigrateReferral(RepairRunner runner, WorkflowRuntime runtime, DefinitionStore store)
{
    public sealed record Request(int? TargetVersion, [Required] string? Reason, int? Version = null);

    public async Task<RepairState> HandleAsync(Guid referralId, Request? request, CancellationToken cancellationToken)
    {
        var errors = RepairRunner.ReasonErrors(request?.Reason);
        if (request?.TargetVersion is <= 0)
        {
            errors.Add("targetVersion", ProblemCode.TargetVersionInvalid);
        }

        errors.ThrowIfAny();
        return await runner.RunAsync(referralId, AuditActions.RepairMigrate, request!.Reason!, request.Version, async (repair, ct) =>
        {
            var referral = repair.Referral;
            var target = await store.GetVersionAsync(referral.District, referral.WorkflowKey, request.TargetVersion, ct)
                ?? throw (request.TargetVersion is { } missing
                    ? ApiException.Invalid("targetVersion", ProblemCode.WorkflowVersionNotPublished, referral.WorkflowKey, missing)
                    : ApiException.NotFound(ProblemCode.WorkflowNotPublished.With(referral.WorkflowKey)));
            if (target.Version <= referral.WorkflowVersion)
            {
                throw request.TargetVersion is null
                    ? ApiException.Conflict(ProblemCode.UpToDate.With(referral.WorkflowVersion))
                    : ApiException.Invalid("targetVersion", ProblemCode.TargetVersionNotNewer, referral.WorkflowVersion);
            }

            try
            {
                await runtime.MigrateAsync(referral.InstanceId, target.Id, repair.ExpectedVersion, ct);
            }
            catch (InstanceMigrationException ex)
            {
                throw ApiException.Conflict(ProblemCode.MigrationIncompatible.With(target.Version, string.Join(", ", ex.UnmappedNodeIds)),
                    new Dictionary<string, object?> { ["unmappedNodeIds"] = ex.UnmappedNodeIds, ["problems"] = ex.Problems });
            }

            var from = referral.WorkflowVersion;
            referral.WorkflowVersion = target.Version;
            return $"{referral.WorkflowKey} v{from} to v{target.Version}";
        }, cancellationToken);
    }
}

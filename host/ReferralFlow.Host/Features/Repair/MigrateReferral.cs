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
internal static class MigrateReferral
{
    public sealed record Request(int? TargetVersion, string? Reason, int? Version = null);

    public static async Task<IResult> HandleAsync(
        Guid referralId, Request? request, HttpContext http, RepairRunner runner, WorkflowRuntime runtime, DefinitionStore store,
        CancellationToken cancellationToken)
    {
        var errors = RepairRunner.ReasonErrors(request?.Reason);
        if (request?.TargetVersion is <= 0)
        {
            errors["targetVersion"] = ["The target version is a published version number (1, 2, …)."];
        }

        RepairRunner.ThrowIfAny(errors);
        return await runner.RunAsync(http, referralId, AuditActions.RepairMigrate, request!.Reason!, request.Version, async (repair, ct) =>
        {
            var referral = repair.Referral;
            var target = await store.GetVersionAsync(referral.District, referral.WorkflowKey, request.TargetVersion, ct)
                ?? throw (request.TargetVersion is { } missing
                    ? ApiException.Invalid("targetVersion", $"The workflow '{referral.WorkflowKey}' has no published version {missing}.")
                    : ApiException.NotFound($"The workflow '{referral.WorkflowKey}' has no published version."));
            if (target.Version <= referral.WorkflowVersion)
            {
                throw request.TargetVersion is null
                    ? ApiException.Conflict($"The referral already runs on the latest version ({referral.WorkflowVersion}).", new Dictionary<string, object?> { ["code"] = "up-to-date" })
                    : ApiException.Invalid("targetVersion", $"The target version must be newer than the referral's version {referral.WorkflowVersion}.");
            }

            try
            {
                await runtime.MigrateAsync(referral.InstanceId, target.Id, repair.ExpectedVersion, ct);
            }
            catch (InstanceMigrationException ex)
            {
                throw ApiException.Conflict(
                    $"The referral cannot move to version {target.Version}: {string.Join(", ", ex.UnmappedNodeIds)} hold a token or timer that version {target.Version} has not with the same id and kind.",
                    new Dictionary<string, object?> { ["code"] = "migration-incompatible", ["unmappedNodeIds"] = ex.UnmappedNodeIds, ["problems"] = ex.Problems });
            }

            var from = referral.WorkflowVersion;
            referral.WorkflowVersion = target.Version;
            return $"{referral.WorkflowKey} v{from} to v{target.Version}";
        }, cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Repair;

/// <summary>
/// What an administrator needs to repair a referral's route: the instance status and version (the expected version of
/// the next repair), the open steps, and every waiting token (ids for <c>move</c>, stuck ones with their incident).
/// </summary>
public sealed record RepairState(
    Guid ReferralId,
    string Number,
    Guid InstanceId,
    string WorkflowKey,
    int WorkflowVersion,
    InstanceStatus Status,
    int Version,
    IReadOnlyList<RepairState.OpenStep> OpenSteps,
    IReadOnlyList<RepairState.WaitingToken> Tokens)
{
    public sealed record OpenStep(
        int TaskId, string NodeId, string Name, string? RoleKey, string? AgencyId, string? Assignee, DateTimeOffset? DueAt, DateTimeOffset CreatedAt);

    public sealed record WaitingToken(int Id, string NodeId, TokenState State, string? Incident);
}

/// <summary>Reads a referral's <see cref="RepairState"/> from the engine's tables.</summary>
public sealed class RepairStateReader(WorkflowReadModel workflow)
{
    public async Task<RepairState> LoadAsync(Referral referral, CancellationToken cancellationToken)
    {
        var instance = await workflow.Instances.SingleOrDefaultAsync(i => i.Id == referral.InstanceId, cancellationToken)
            ?? throw ApiException.NotFound(ProblemCode.InstanceNotFound.With(referral.Number));
        var state = InstanceStateJson.Deserialize(instance.StateJson);
        var open = await workflow.Tasks
            .Where(t => t.InstanceId == instance.Id && t.Status == WorkTaskStatus.Open)
            .OrderBy(t => t.TaskId)
            .Select(t => new RepairState.OpenStep(t.TaskId, t.NodeId, t.Name, t.RoleKey, t.AgencyId, t.Assignee, t.DueAt, t.CreatedAt))
            .ToListAsync(cancellationToken);
        var version = await workflow.Versions.Where(v => v.Id == instance.VersionId).Select(v => v.Version).SingleAsync(cancellationToken);
        return new RepairState(
            referral.Id,
            referral.Number,
            instance.Id,
            referral.WorkflowKey,
            version,
            instance.Status,
            instance.Revision,
            open,
            [.. state.Tokens.Select(t => new RepairState.WaitingToken(t.Id, t.NodeId, t.State, t.Incident))]);
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>Repair commands: an operator fixes a stuck referral without touching the database.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>Repair: moves a waiting or stuck token to another node and resumes there.</summary>
    public Task<WorkflowCommandOutcome> MoveTokenAsync(
        Guid instanceId, int tokenId, string targetNodeId, string reason, int? expectedRevision, CancellationToken cancellationToken = default) =>
        ApplyAsync(instanceId, new MoveToken(tokenId, targetNodeId, reason), expectedRevision, cancellationToken);

    /// <summary>Repair: cancels an open task and lets its token leave the task as if it had been completed without an outcome.</summary>
    /// <exception cref="WorkflowCommandException">The task is not open, or the instance is not running.</exception>
    /// <exception cref="ConcurrencyConflictException">The instance is not at <paramref name="expectedRevision"/>, or a concurrent write won.</exception>
    public Task<WorkflowCommandOutcome> SkipTaskAsync(
        Guid instanceId, int taskId, string reason, int? expectedRevision, CancellationToken cancellationToken = default) =>
        ApplyAsync(instanceId, new SkipTask(taskId, reason), expectedRevision, cancellationToken);

    /// <summary>Repair: removes a token with its task and timers; its branch ends there.</summary>
    /// <exception cref="WorkflowCommandException">No such token, or the instance is not running.</exception>
    /// <exception cref="ConcurrencyConflictException">The instance is not at <paramref name="expectedRevision"/>, or a concurrent write won.</exception>
    public Task<WorkflowCommandOutcome> CancelBranchAsync(
        Guid instanceId, int tokenId, string reason, int? expectedRevision, CancellationToken cancellationToken = default) =>
        ApplyAsync(instanceId, new CancelBranch(tokenId, reason), expectedRevision, cancellationToken);

    /// <summary>Repair: adds a new token at a node of a running instance (e.g. reopens a completed user task).</summary>
    /// <exception cref="WorkflowCommandException">The node cannot take a token, or the instance is not running.</exception>
    /// <exception cref="ConcurrencyConflictException">The instance is not at <paramref name="expectedRevision"/>, or a concurrent write won.</exception>
    public Task<WorkflowCommandOutcome> AddTokenAsync(
        Guid instanceId, string nodeId, string reason, int? expectedRevision, CancellationToken cancellationToken = default) =>
        ApplyAsync(instanceId, new AddToken(nodeId, reason), expectedRevision, cancellationToken);

    /// <summary>
    /// Repair: moves a running instance to a newer published version of its workflow, keeping its state (tokens, timers,
    /// variables, open task rows); later steps follow the new version. Refused when a node holding a token or a pending
    /// timer has no counterpart of the same kind there (<see cref="InstanceMigration.Check"/>).
    /// </summary>
    /// <exception cref="InstanceMigrationException">The state does not fit the new version; nothing changed.</exception>
    /// <exception cref="WorkflowCommandException">The instance is not running, or the version is not a newer one of the same workflow.</exception>
    /// <exception cref="WorkflowNotFoundException">No such instance or version.</exception>
    /// <exception cref="ConcurrencyConflictException">The instance is not at <paramref name="expectedRevision"/>, or a concurrent write won.</exception>
    public async Task<WorkflowCommandOutcome> MigrateAsync(Guid instanceId, Guid newVersionId, int? expectedRevision, CancellationToken cancellationToken = default)
    {
        try
        {
            var instance = await db.Instances.SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken)
                ?? throw new WorkflowNotFoundException($"No workflow instance {instanceId}.");
            if (expectedRevision is { } expected && expected != instance.Revision)
            {
                throw new ConcurrencyConflictException($"Instance {instanceId} is at revision {instance.Revision}, not {expected}.", instance.Revision);
            }

            var state = InstanceStateJson.Deserialize(instance.StateJson);
            if (state.Status != InstanceStatus.Running)
            {
                throw new WorkflowCommandException(WorkflowCommandError.InstanceNotRunning, $"The instance is {state.Status.ToString().ToLowerInvariant()}, not running.");
            }

            var versions = await db.Versions.AsNoTracking()
                .Where(v => v.Id == instance.VersionId || v.Id == newVersionId)
                .Select(v => new { v.Id, v.DefinitionId, v.Version })
                .ToListAsync(cancellationToken);
            var current = versions.Single(v => v.Id == instance.VersionId);
            var target = versions.SingleOrDefault(v => v.Id == newVersionId)
                ?? throw new WorkflowNotFoundException($"No workflow version {newVersionId}.");
            if (target.DefinitionId != current.DefinitionId || target.Version <= current.Version)
            {
                throw new WorkflowCommandException(WorkflowCommandError.InvalidTarget, "An instance can move only to a newer version of its own workflow.");
            }

            var problems = InstanceMigration.Check(
                await GetDefinitionAsync(current.Id, cancellationToken), await GetDefinitionAsync(target.Id, cancellationToken), state);
            if (problems.Count > 0)
            {
                throw new InstanceMigrationException(
                    $"Instance {instanceId} cannot move to version {target.Version}: {string.Join(" ", problems.Select(p => p.Message))}", problems);
            }

            var now = time.GetUtcNow();
            instance.VersionId = target.Id;
            instance.Revision++;
            instance.UpdatedAt = now;
            new WorkflowJournal(db).AppendTimeline(instanceId, now, TimelineEventTypes.InstanceMigrated, actor: actor?.Actor, dataJson: VariableJson.ToJson(new Dictionary<string, object?>
            {
                ["fromVersionId"] = current.Id,
                ["fromVersion"] = current.Version,
                ["toVersionId"] = target.Id,
                ["toVersion"] = target.Version,
            }));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                var revision = db.Database.CurrentTransaction is null ? await CurrentRevisionAsync(instanceId, cancellationToken) : null;
                throw new ConcurrencyConflictException($"Instance {instanceId} was changed by a concurrent command.", revision, ex);
            }

            return new WorkflowCommandOutcome(instance.Id, instance.Revision, instance.Status, []);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// Read-only queries over the engine's tables for a host's lists, views and reports. Every query is untracked: changes
/// go through the named operations (<see cref="WorkTaskStore"/>, <see cref="WorkflowJournal"/>, the claims, the runtime).
/// </summary>
public sealed class WorkflowReadModel(WorkflowDbContext db, DefinitionCache cache)
{
    /// <summary>Workflow definitions (drafts).</summary>
    public IQueryable<WorkflowDefinitionRecord> Definitions => db.Definitions.AsNoTracking();

    /// <summary>Published versions.</summary>
    public IQueryable<WorkflowVersionRecord> Versions => db.Versions.AsNoTracking();

    /// <summary>Instances.</summary>
    public IQueryable<WorkflowInstanceRecord> Instances => db.Instances.AsNoTracking();

    /// <summary>User task rows.</summary>
    public IQueryable<WorkTaskRecord> Tasks => db.Tasks.AsNoTracking();

    /// <summary>Timer rows.</summary>
    public IQueryable<TimerRecord> Timers => db.Timers.AsNoTracking();

    /// <summary>Outbox messages.</summary>
    public IQueryable<OutboxMessageRecord> Outbox => db.Outbox.AsNoTracking();

    /// <summary>Escalation levels.</summary>
    public IQueryable<EscalationRecord> Escalations => db.Escalations.AsNoTracking();

    /// <summary>Timeline events.</summary>
    public IQueryable<TimelineEventRecord> Timeline => db.Timeline.AsNoTracking();

    /// <summary>The parsed definition of a published version (from the process-wide <see cref="DefinitionCache"/>).</summary>
    /// <param name="versionId">The version.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="WorkflowNotFoundException">No such version.</exception>
    public Task<WorkflowDefinition> GetDefinitionAsync(Guid versionId, CancellationToken cancellationToken = default) =>
        cache.GetAsync(db, versionId, cancellationToken);
}

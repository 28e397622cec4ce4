using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// The engine's tables: definitions and versions, instances (state as a compact JSON document), and the rows people query
/// — tasks, timers, outbox messages and the timeline. Table and column names are snake_case and written explicitly in each
/// configuration, so the PostgreSQL and SQLite migrations share one schema.
/// </summary>
public class WorkflowDbContext : DbContext
{
    /// <summary>Creates the context.</summary>
    public WorkflowDbContext(DbContextOptions<WorkflowDbContext> options)
        : base(options)
    {
    }

    /// <summary>Lets a derived context (e.g. a host that adds its own tables) pass its own options.</summary>
    protected WorkflowDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Workflow definitions (the editable drafts).</summary>
    public DbSet<WorkflowDefinitionRecord> Definitions => Set<WorkflowDefinitionRecord>();

    /// <summary>Published, immutable versions.</summary>
    public DbSet<WorkflowVersionRecord> Versions => Set<WorkflowVersionRecord>();

    /// <summary>Running and ended instances.</summary>
    public DbSet<WorkflowInstanceRecord> Instances => Set<WorkflowInstanceRecord>();

    /// <summary>User task rows (queues, own tasks, overdue lists).</summary>
    public DbSet<WorkTaskRecord> Tasks => Set<WorkTaskRecord>();

    /// <summary>Timer rows, swept by due time.</summary>
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();

    /// <summary>Messages waiting to be sent (and sent ones).</summary>
    public DbSet<OutboxMessageRecord> Outbox => Set<OutboxMessageRecord>();

    /// <summary>Escalation levels of user tasks, swept by due time.</summary>
    public DbSet<EscalationRecord> Escalations => Set<EscalationRecord>();

    /// <summary>The append-only case timeline.</summary>
    public DbSet<TimelineEventRecord> Timeline => Set<TimelineEventRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);
}

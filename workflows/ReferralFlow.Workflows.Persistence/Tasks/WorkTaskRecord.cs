using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>Where a user task is in its life.</summary>
public enum WorkTaskStatus
{
    /// <summary>Waiting in a queue or with an assignee.</summary>
    Open,
    /// <summary>Completed with an outcome.</summary>
    Completed,
    /// <summary>Cancelled by a timer, a terminate end, a cancel or a repair.</summary>
    Cancelled,
}

/// <summary>A user task row: what worker queues, own-task lists and overdue reports query.</summary>
public sealed class WorkTaskRecord
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The instance-local task id (the interpreter's token id); unique with <see cref="InstanceId"/>.</summary>
    public int TaskId { get; set; }

    /// <summary>The user task element.</summary>
    public required string NodeId { get; set; }

    /// <summary>Display name.</summary>
    public required string Name { get; set; }

    /// <summary>The role the task is offered to.</summary>
    public string? RoleKey { get; set; }

    /// <summary>The agency that fills the role for this referral (set by the host).</summary>
    public string? AgencyId { get; set; }

    /// <summary>The worker who claimed it or was assigned it.</summary>
    public string? Assignee { get; set; }

    /// <summary>Open, completed or cancelled.</summary>
    public WorkTaskStatus Status { get; set; }

    /// <summary>Deadline, if the task has one.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Named escalation policy, if any.</summary>
    public string? EscalationPolicy { get; set; }

    /// <summary>How many escalation levels have been reached so far.</summary>
    public int EscalationLevel { get; set; }

    /// <summary>When the task was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it left the queue: completed or cancelled.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The outcome values it was completed with (JSON object).</summary>
    public string? OutcomeJson { get; set; }

    /// <summary>Why it was cancelled.</summary>
    public string? CancelReason { get; set; }

    /// <summary>Incremented on every write (engine or host: claim, assign); the optimistic concurrency token.</summary>
    public int Revision { get; set; }
}

internal sealed class WorkTaskRecordConfiguration : IEntityTypeConfiguration<WorkTaskRecord>
{
    public void Configure(EntityTypeBuilder<WorkTaskRecord> builder)
    {
        builder.ToTable("work_tasks");
        builder.HasKey(t => t.Id).HasName("pk_work_tasks");
        builder.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(t => t.InstanceId).HasColumnName("instance_id");
        builder.Property(t => t.TaskId).HasColumnName("task_id");
        builder.Property(t => t.NodeId).HasColumnName("node_id").HasMaxLength(200);
        builder.Property(t => t.Name).HasColumnName("name").HasMaxLength(500);
        builder.Property(t => t.RoleKey).HasColumnName("role_key").HasMaxLength(100);
        builder.Property(t => t.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(t => t.Assignee).HasColumnName("assignee").HasMaxLength(200);
        builder.Property(t => t.Status).HasColumnName("status").HasMaxLength(20).HasConversion<string>();
        builder.Property(t => t.DueAt).HasColumnName("due_at");
        builder.Property(t => t.EscalationPolicy).HasColumnName("escalation_policy").HasMaxLength(100);
        builder.Property(t => t.EscalationLevel).HasColumnName("escalation_level");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.CompletedAt).HasColumnName("completed_at");
        builder.Property(t => t.OutcomeJson).HasColumnName("outcome_json");
        builder.Property(t => t.CancelReason).HasColumnName("cancel_reason").HasMaxLength(1000);
        builder.Property(t => t.Revision).HasColumnName("revision").IsConcurrencyToken();
        builder.HasOne<WorkflowInstanceRecord>().WithMany().HasForeignKey(t => t.InstanceId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_work_tasks_instance");

        // The unique (instance_id, task_id) index also serves "tasks of an instance". The others are in each provider's
        // migrations (expression and partial indexes, and where the providers differ): each costs every step's insert and
        // close, so one is kept only for a query whose plan uses it (see the LeanTaskIndexes migrations).
        builder.HasIndex(t => new { t.InstanceId, t.TaskId }).IsUnique().HasDatabaseName("ux_work_tasks_instance_task");
    }
}

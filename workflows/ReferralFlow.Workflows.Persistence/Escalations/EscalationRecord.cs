using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>Where an escalation level is.</summary>
public enum EscalationStatus
{
    /// <summary>Waiting for its due time.</summary>
    Pending,
    /// <summary>Processed: notifications were queued.</summary>
    Done,
    /// <summary>The task left the queue before the level fell due; nothing was sent.</summary>
    Cancelled,
}

/// <summary>
/// One escalation level of one user task, written in the same transaction as the task row so a crash cannot lose it;
/// a sweep processes due rows in batches.
/// </summary>
public sealed class EscalationRecord
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The task row (<see cref="WorkTaskRecord.Id"/>).</summary>
    public Guid TaskRowId { get; set; }

    /// <summary>The 1-based level of the policy.</summary>
    public int Level { get; set; }

    /// <summary>The policy name.</summary>
    public required string Policy { get; set; }

    /// <summary>When the level falls due.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Pending, done or cancelled.</summary>
    public EscalationStatus Status { get; set; }

    /// <summary>When it was processed.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }
}

internal sealed class EscalationRecordConfiguration : IEntityTypeConfiguration<EscalationRecord>
{
    public void Configure(EntityTypeBuilder<EscalationRecord> builder)
    {
        builder.ToTable("escalations");
        builder.HasKey(e => e.Id).HasName("pk_escalations");
        builder.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(e => e.InstanceId).HasColumnName("instance_id");
        builder.Property(e => e.TaskRowId).HasColumnName("task_row_id");
        builder.Property(e => e.Level).HasColumnName("level");
        builder.Property(e => e.Policy).HasColumnName("policy").HasMaxLength(100);
        builder.Property(e => e.DueAt).HasColumnName("due_at");
        builder.Property(e => e.Status).HasColumnName("status").HasMaxLength(20).HasConversion<string>();
        builder.Property(e => e.ProcessedAt).HasColumnName("processed_at");
        builder.HasOne<WorkTaskRecord>().WithMany().HasForeignKey(e => e.TaskRowId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_escalations_task");
        builder.HasIndex(e => new { e.TaskRowId, e.Level }).IsUnique().HasDatabaseName("ux_escalations_task_level");
        // The sweep: pending rows due before now, oldest first.
        builder.HasIndex(e => new { e.Status, e.DueAt }).HasDatabaseName("ix_escalations_status_due");
    }
}

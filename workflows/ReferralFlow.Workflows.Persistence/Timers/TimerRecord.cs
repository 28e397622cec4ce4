using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>Where a timer is in its life.</summary>
public enum TimerStatus
{
    /// <summary>Scheduled; fires at its due time.</summary>
    Pending,
    /// <summary>Fired.</summary>
    Fired,
    /// <summary>Cancelled before it fired (its task was completed, or the instance ended).</summary>
    Cancelled,
}

/// <summary>
/// A timer row. The scheduler sweeps <c>status = Pending and due_at &lt;= now order by due_at</c> and fires each
/// through <see cref="WorkflowRuntime.FireTimerAsync"/>; only committed rows are ever seen, so no timer is lost or doubled.
/// </summary>
public sealed class TimerRecord
{
    /// <summary>Row id; the scheduler's job argument.</summary>
    public Guid Id { get; set; }

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The instance-local timer id; unique with <see cref="InstanceId"/>.</summary>
    public int TimerId { get; set; }

    /// <summary>The boundary or intermediate timer event.</summary>
    public required string NodeId { get; set; }

    /// <summary>The token the timer belongs to (for a boundary timer, the task id).</summary>
    public int? TokenId { get; set; }

    /// <summary>When it is due.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Pending, fired or cancelled.</summary>
    public TimerStatus Status { get; set; }

    /// <summary>When the scheduler handed it to a job (set by the host; null while nobody has picked it up).</summary>
    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>When it fired or was cancelled.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When it was (last) scheduled.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class TimerRecordConfiguration : IEntityTypeConfiguration<TimerRecord>
{
    public void Configure(EntityTypeBuilder<TimerRecord> builder)
    {
        builder.ToTable("workflow_timers");
        builder.HasKey(t => t.Id).HasName("pk_workflow_timers");
        builder.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(t => t.InstanceId).HasColumnName("instance_id");
        builder.Property(t => t.TimerId).HasColumnName("timer_id");
        builder.Property(t => t.NodeId).HasColumnName("node_id").HasMaxLength(200);
        builder.Property(t => t.TokenId).HasColumnName("token_id");
        builder.Property(t => t.DueAt).HasColumnName("due_at");
        builder.Property(t => t.Status).HasColumnName("status").HasMaxLength(20).HasConversion<string>();
        builder.Property(t => t.DispatchedAt).HasColumnName("dispatched_at");
        builder.Property(t => t.ClosedAt).HasColumnName("closed_at");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.HasOne<WorkflowInstanceRecord>().WithMany().HasForeignKey(t => t.InstanceId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_workflow_timers_instance");
        builder.HasIndex(t => new { t.InstanceId, t.TimerId }).IsUnique().HasDatabaseName("ux_workflow_timers_instance_timer");
        builder.HasIndex(t => new { t.Status, t.DueAt }).HasDatabaseName("ix_workflow_timers_status_due");
    }
}

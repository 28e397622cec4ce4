using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>One entry of an instance's case timeline. Append-only; read in <see cref="Id"/> order.</summary>
public sealed class TimelineEventRecord
{
    /// <summary>Database-generated, increasing: the order of events.</summary>
    public long Id { get; set; }

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>What happened; one of <see cref="TimelineEventTypes"/> (hosts may add their own).</summary>
    public required string Type { get; set; }

    /// <summary>The BPMN element involved, if any.</summary>
    public string? NodeId { get; set; }

    /// <summary>The task involved, if any.</summary>
    public int? TaskId { get; set; }

    /// <summary>Who caused it (a user id from the host), or null for the engine itself (timers, cascades).</summary>
    public string? Actor { get; set; }

    /// <summary>Details as a JSON object (outcome values, reasons, due times).</summary>
    public string? DataJson { get; set; }
}

internal sealed class TimelineEventRecordConfiguration : IEntityTypeConfiguration<TimelineEventRecord>
{
    public void Configure(EntityTypeBuilder<TimelineEventRecord> builder)
    {
        builder.ToTable("timeline_events");
        builder.HasKey(e => e.Id).HasName("pk_timeline_events");
        builder.Property(e => e.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(e => e.InstanceId).HasColumnName("instance_id");
        builder.Property(e => e.OccurredAt).HasColumnName("occurred_at");
        builder.Property(e => e.Type).HasColumnName("type").HasMaxLength(50);
        builder.Property(e => e.NodeId).HasColumnName("node_id").HasMaxLength(200);
        builder.Property(e => e.TaskId).HasColumnName("task_id");
        builder.Property(e => e.DataJson).HasColumnName("data_json");
        builder.Property(e => e.Actor).HasColumnName("actor").HasMaxLength(100);
        builder.HasOne<WorkflowInstanceRecord>().WithMany().HasForeignKey(e => e.InstanceId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_timeline_events_instance");
        builder.HasIndex(e => new { e.InstanceId, e.Id }).HasDatabaseName("ix_timeline_events_instance_id");
    }
}

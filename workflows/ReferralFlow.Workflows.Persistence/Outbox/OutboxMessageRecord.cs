using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// A message a send task asked for, written in the same transaction as the state that asked for it; a dispatcher sends
/// unsent rows and marks them. <see cref="IdempotencyKey"/> lets the sender drop a repeat after a crash between send and mark.
/// </summary>
public sealed class OutboxMessageRecord
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>The instance; null for a platform message that belongs to no referral (an invitation, a password reset).</summary>
    public Guid? InstanceId { get; set; }

    /// <summary>The send task.</summary>
    public required string NodeId { get; set; }

    /// <summary>Built-in type (<c>email</c>, <c>notify-referrer</c>).</summary>
    public string? Type { get; set; }

    /// <summary>Recipient expression, e.g. <c>role:benefits</c>.</summary>
    public string? To { get; set; }

    /// <summary>Template key.</summary>
    public string? Template { get; set; }

    /// <summary>Unique per request: <c>{instanceId}:{nodeId}:{revision}:{effectIndex}</c>.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>When it was requested.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was sent; null while it waits.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>How many send attempts were made.</summary>
    public int Attempts { get; set; }

    /// <summary>The last send error, if any.</summary>
    public string? LastError { get; set; }

    /// <summary>The <see cref="ClaimHolder.Key"/> of the process whose claim holds the row, when it could name itself.</summary>
    public long? ClaimedBy { get; set; }

    /// <summary>Pending, sent, failed for good, or not mailed on purpose.</summary>
    public OutboxStatus Status { get; set; }

    /// <summary>When the next delivery attempt is due (back-off after failures).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Template data as a JSON object (referral number, step, agency …) — never more personal data than the recipient may see.</summary>
    public string? DataJson { get; set; }
}

/// <summary>Delivery state of an outbox message.</summary>
public enum OutboxStatus
{
    /// <summary>Not delivered yet (maybe after failed attempts).</summary>
    Pending,
    /// <summary>Delivered.</summary>
    Sent,
    /// <summary>Given up: a permanent error or too many attempts; visible to operators.</summary>
    Failed,
    /// <summary>
    /// Not mailed on purpose, not an error: every recipient chose not to get this kind by email (the host told them in
    /// the app instead). <see cref="OutboxMessageRecord.LastError"/> says why.
    /// </summary>
    NotMailed,
}

internal sealed class OutboxMessageRecordConfiguration : IEntityTypeConfiguration<OutboxMessageRecord>
{
    public void Configure(EntityTypeBuilder<OutboxMessageRecord> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id).HasName("pk_outbox_messages");
        builder.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(m => m.InstanceId).HasColumnName("instance_id");
        builder.Property(m => m.NodeId).HasColumnName("node_id").HasMaxLength(200);
        builder.Property(m => m.Type).HasColumnName("type").HasMaxLength(50);
        builder.Property(m => m.To).HasColumnName("recipient").HasMaxLength(500);
        builder.Property(m => m.Template).HasColumnName("template").HasMaxLength(200);
        builder.Property(m => m.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(300);
        builder.Property(m => m.CreatedAt).HasColumnName("created_at");
        builder.Property(m => m.SentAt).HasColumnName("sent_at");
        builder.Property(m => m.Attempts).HasColumnName("attempts");
        builder.Property(m => m.LastError).HasColumnName("last_error");
        builder.Property(m => m.ClaimedBy).HasColumnName("claimed_by");
        builder.HasIndex(m => m.ClaimedBy).HasFilter("claimed_by IS NOT NULL").HasDatabaseName("ix_outbox_messages_claimed_by");
        builder.Property(m => m.Status).HasColumnName("status").HasMaxLength(20).HasConversion<string>();
        builder.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(m => m.DataJson).HasColumnName("data_json");
        builder.HasOne<WorkflowInstanceRecord>().WithMany().HasForeignKey(m => m.InstanceId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_outbox_messages_instance");
        builder.HasIndex(m => m.IdempotencyKey).IsUnique().HasDatabaseName("ux_outbox_messages_idempotency_key");
        // The dispatcher: pending rows whose next attempt is due.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt }).HasDatabaseName("ix_outbox_messages_status_next");
        builder.HasIndex(m => m.InstanceId).HasDatabaseName("ix_outbox_messages_instance");
    }
}

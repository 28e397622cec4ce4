using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Host.Data;

/// <summary>What a bell entry or an alert is about; each worker chooses per kind how they hear of it.</summary>
public enum NotificationKind
{
    NewStep,
    Assigned,
    Escalation,
    ConsentNeeded,
    Note,
    Transfer,
}

/// <summary>How a worker (or an agency's shared mailbox) hears of a kind: an email at once, in the morning digest, or only in the app.</summary>
public enum NotificationMode
{
    Immediately,
    Digest,
    AppOnly,
}

/// <summary>
/// A bell entry: one per worker and cause, ids and codes only (the referral's number and the step's name are read when
/// the list is shown), so no household data and no free text rests here. Kept 90 days.
/// </summary>
public sealed class UserNotification
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public NotificationKind Kind { get; set; }

    /// <summary>The referral's workflow instance (a referral's row may not exist yet when its first steps are announced).</summary>
    public Guid? InstanceId { get; set; }

    /// <summary>The step, when the entry is about one; the link goes to it.</summary>
    public Guid? TaskRowId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// An alert waiting for its email: the alert mailer sends one message per recipient per minute with everything pending
/// for it, so a burst of new steps is one mail, not hundreds. Recipient: <c>user:{id}</c> or <c>mailbox:{agency}</c>.
/// </summary>
public sealed class PendingAlert
{
    public Guid Id { get; set; }

    public required string Recipient { get; set; }

    public NotificationKind Kind { get; set; }

    public Guid? InstanceId { get; set; }

    public Guid? TaskRowId { get; set; }

    /// <summary>Ids and codes for the template (the step's agency, missing consent categories); never free text.</summary>
    public string? DataJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A notification choice per owner and kind. Owner: <c>user:{id}</c> (a worker's own), <c>agency:{id}</c> (the
/// agency's default for its workers) or <c>mailbox:{id}</c> (the agency's shared mailbox).
/// </summary>
public sealed class NotificationPreference
{
    public required string Owner { get; set; }

    public NotificationKind Kind { get; set; }

    public NotificationMode Mode { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class UserNotificationConfiguration : IEntityTypeConfiguration<UserNotification>
{
    public void Configure(EntityTypeBuilder<UserNotification> builder)
    {
        builder.ToTable("user_notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(n => n.UserId).HasColumnName("user_id");
        builder.Property(n => n.Kind).HasColumnName("kind").HasMaxLength(30).HasConversion<string>();
        builder.Property(n => n.InstanceId).HasColumnName("instance_id");
        builder.Property(n => n.TaskRowId).HasColumnName("task_row_id");
        builder.Property(n => n.CreatedAt).HasColumnName("created_at");
        builder.Property(n => n.ReadAt).HasColumnName("read_at");
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        // The header's unread count and the list (newest first) are index walks of one user's rows.
        builder.HasIndex(n => new { n.UserId, n.ReadAt }).HasDatabaseName("ix_user_notifications_unread");
        builder.HasIndex(n => new { n.UserId, n.CreatedAt, n.Id }).HasDatabaseName("ix_user_notifications_list");
        builder.HasIndex(n => n.CreatedAt).HasDatabaseName("ix_user_notifications_created");
    }
}

internal sealed class PendingAlertConfiguration : IEntityTypeConfiguration<PendingAlert>
{
    public void Configure(EntityTypeBuilder<PendingAlert> builder)
    {
        builder.ToTable("pending_alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(a => a.Recipient).HasColumnName("recipient").HasMaxLength(150);
        builder.Property(a => a.Kind).HasColumnName("kind").HasMaxLength(30).HasConversion<string>();
        builder.Property(a => a.InstanceId).HasColumnName("instance_id");
        builder.Property(a => a.TaskRowId).HasColumnName("task_row_id");
        builder.Property(a => a.DataJson).HasColumnName("data_json");
        builder.Property(a => a.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(a => new { a.Recipient, a.CreatedAt }).HasDatabaseName("ix_pending_alerts_recipient");
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("notification_preferences");
        builder.HasKey(p => new { p.Owner, p.Kind });
        builder.Property(p => p.Owner).HasColumnName("owner").HasMaxLength(150);
        builder.Property(p => p.Kind).HasColumnName("kind").HasMaxLength(30).HasConversion<string>();
        builder.Property(p => p.Mode).HasColumnName("mode").HasMaxLength(20).HasConversion<string>();
        builder.Property(p => p.UpdatedAt).HasColumnName("updated_at");
    }
}

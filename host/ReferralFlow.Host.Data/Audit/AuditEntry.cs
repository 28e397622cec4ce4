using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Host.Data;

/// <summary>
/// One read or change of a household's personal data, or an administrative action (who, when, what).
/// Append-only; holds ids and action names, never the personal data itself.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? UserId { get; set; }

    public string? AgencyId { get; set; }

    /// <summary>
    /// The district the entry belongs to (시군구): the actor's, or for an administrative change the district of what was
    /// changed. A district administrator reads only their own district's entries.
    /// </summary>
    public string? District { get; set; }

    /// <summary>e.g. <c>referral.read</c>, <c>referral.opened</c>, <c>task.completed</c>, <c>repair.move-token</c>.</summary>
    public required string Action { get; set; }

    public Guid? ReferralId { get; set; }

    /// <summary>Free text without personal data (e.g. the repair reason, the task id).</summary>
    public string? Detail { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(a => a.At).HasColumnName("at");
        builder.Property(a => a.UserId).HasColumnName("user_id");
        builder.Property(a => a.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(a => a.District).HasColumnName("district").HasMaxLength(100);
        builder.Property(a => a.Action).HasColumnName("action").HasMaxLength(100);
        builder.Property(a => a.ReferralId).HasColumnName("referral_id");
        builder.Property(a => a.Detail).HasColumnName("detail").HasMaxLength(2000);
        builder.HasIndex(a => a.At).HasDatabaseName("ix_audit_log_at");
        builder.HasIndex(a => new { a.ReferralId, a.At }).HasDatabaseName("ix_audit_log_referral");
        builder.HasIndex(a => new { a.UserId, a.At }).HasDatabaseName("ix_audit_log_user");
        builder.HasIndex(a => new { a.District, a.At }).HasDatabaseName("ix_audit_log_district");
    }
}

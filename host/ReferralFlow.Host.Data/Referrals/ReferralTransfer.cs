using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Host.Data;

/// <summary>Where a transfer between districts stands.</summary>
public enum TransferStatus
{
    Pending,
    Accepted,
    Declined,
}

/// <summary>
/// A request to move an open referral to another district (전출): the public case owner asks, the receiving district's hub
/// accepts (naming the new case owner agency) or declines with a reason. Reason codes and the note stay in the platform.
/// </summary>
public sealed class ReferralTransfer
{
    public Guid Id { get; set; }

    public Guid ReferralId { get; set; }

    public required string FromDistrict { get; set; }

    public required string ToDistrict { get; set; }

    /// <summary>The public case owner agency when it was requested.</summary>
    public required string FromOwnerAgencyId { get; set; }

    public TransferStatus Status { get; set; }

    public required string ReasonCode { get; set; }

    /// <summary>The requester's note for the receiving hub; never sent by email.</summary>
    public string? Note { get; set; }

    public Guid RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>The new public case owner agency, once accepted.</summary>
    public string? ToOwnerAgencyId { get; set; }

    public string? DeclineReasonCode { get; set; }

    public string? DeclineNote { get; set; }

    public Guid? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Optimistic concurrency token, the ETag.</summary>
    public int Version { get; set; }
}

internal sealed class ReferralTransferConfiguration : IEntityTypeConfiguration<ReferralTransfer>
{
    public void Configure(EntityTypeBuilder<ReferralTransfer> builder)
    {
        builder.ToTable("referral_transfers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(t => t.ReferralId).HasColumnName("referral_id");
        builder.Property(t => t.FromDistrict).HasColumnName("from_district").HasMaxLength(100);
        builder.Property(t => t.ToDistrict).HasColumnName("to_district").HasMaxLength(100);
        builder.Property(t => t.FromOwnerAgencyId).HasColumnName("from_owner_agency_id").HasMaxLength(100);
        builder.Property(t => t.Status).HasColumnName("status").HasMaxLength(20).HasConversion<string>();
        builder.Property(t => t.ReasonCode).HasColumnName("reason_code").HasMaxLength(40);
        builder.Property(t => t.Note).HasColumnName("note").HasMaxLength(1000);
        builder.Property(t => t.RequestedBy).HasColumnName("requested_by");
        builder.Property(t => t.RequestedAt).HasColumnName("requested_at");
        builder.Property(t => t.ToOwnerAgencyId).HasColumnName("to_owner_agency_id").HasMaxLength(100);
        builder.Property(t => t.DeclineReasonCode).HasColumnName("decline_reason_code").HasMaxLength(40);
        builder.Property(t => t.DeclineNote).HasColumnName("decline_note").HasMaxLength(1000);
        builder.Property(t => t.DecidedBy).HasColumnName("decided_by");
        builder.Property(t => t.DecidedAt).HasColumnName("decided_at");
        builder.Property(t => t.Version).HasColumnName("version").IsConcurrencyToken();
        builder.HasOne<Referral>().WithMany().HasForeignKey(t => t.ReferralId).HasConstraintName("fk_referral_transfers_referral");
        builder.HasIndex(t => t.ReferralId).HasDatabaseName("ix_referral_transfers_referral");
        builder.HasIndex(t => new { t.ToDistrict, t.Status }).HasDatabaseName("ix_referral_transfers_to_district");
        builder.HasIndex(t => new { t.FromDistrict, t.Status }).HasDatabaseName("ix_referral_transfers_from_district");
    }
}

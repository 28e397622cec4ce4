using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Host.Data;

/// <summary>
/// A district's default: which agency fills a workflow role (e.g. in 난곡동, <c>cleaning</c> → 관악구청 청소과).
/// A row with a dong overrides the district-wide row (empty dong) for that dong.
/// </summary>
public sealed class RoleAllocationDefault
{
    public Guid Id { get; set; }

    public required string District { get; set; }

    /// <summary>The dong, or empty for the district-wide default (empty, not null, so the unique index holds).</summary>
    public string Dong { get; set; } = "";

    public required string RoleKey { get; set; }

    public required string AgencyId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedBy { get; set; }
}

internal sealed class RoleAllocationDefaultConfiguration : IEntityTypeConfiguration<RoleAllocationDefault>
{
    public void Configure(EntityTypeBuilder<RoleAllocationDefault> builder)
    {
        builder.ToTable("role_allocation_defaults");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(a => a.District).HasColumnName("district").HasMaxLength(100);
        builder.Property(a => a.Dong).HasColumnName("dong").HasMaxLength(100);
        builder.Property(a => a.RoleKey).HasColumnName("role_key").HasMaxLength(100);
        builder.Property(a => a.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(a => a.UpdatedAt).HasColumnName("updated_at");
        builder.Property(a => a.UpdatedBy).HasColumnName("updated_by");
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.AgencyId).HasConstraintName("fk_role_allocation_defaults_agency");
        builder.HasIndex(a => new { a.District, a.Dong, a.RoleKey }).IsUnique().HasDatabaseName("ux_role_allocation_defaults");
    }
}

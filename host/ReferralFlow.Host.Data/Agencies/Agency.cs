using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Host.Data;

/// <summary>What kind of body an agency is; public ones can own cases.</summary>
public enum AgencyKind
{
    DongCentre,
    WelfareCentre,
    HealthCentre,
    DistrictOffice,
    DistrictHub,
    Volunteer,
    Other,
}

/// <summary>An agency (기관) taking part in referrals: a dong centre, welfare centre, health centre, district office …</summary>
public sealed class Agency
{
    /// <summary>Stable slug, e.g. <c>nangok-dong</c>; task rows refer to it.</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }

    public AgencyKind Kind { get; set; }

    /// <summary>Public bodies (주민센터, 구청, 보건소, 희망복지지원단) may be a referral's public case owner.</summary>
    public bool IsPublic { get; set; }

    /// <summary>The district (구), e.g. 관악구.</summary>
    public required string District { get; set; }

    /// <summary>The dong (동) the agency serves, for dong centres.</summary>
    public string? Dong { get; set; }

    /// <summary>Shared mailbox for queue reminders.</summary>
    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>False once deactivated: it gets no new referrals or allocations, but keeps its history.</summary>
    public bool IsActive { get; set; } = true;
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.ToTable("agencies");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").HasMaxLength(100);
        builder.Property(a => a.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(a => a.Kind).HasColumnName("kind").HasMaxLength(30).HasConversion<string>();
        builder.Property(a => a.IsPublic).HasColumnName("is_public");
        builder.Property(a => a.District).HasColumnName("district").HasMaxLength(100);
        builder.Property(a => a.Dong).HasColumnName("dong").HasMaxLength(100);
        builder.Property(a => a.Email).HasColumnName("email").HasMaxLength(200);
        builder.Property(a => a.CreatedAt).HasColumnName("created_at");
        builder.Property(a => a.IsActive).HasColumnName("is_active");
        builder.HasIndex(a => a.District).HasDatabaseName("ix_agencies_district");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Host.Data;

/// <summary>
/// A district's own settings, edited by its administrator: working-day holidays, escalation policies and the default
/// policy, retention years and the two-factor requirement. No row means the configuration's defaults. Holidays and
/// policies are JSON documents (a list of dates; policy name → levels), read and validated by the host.
/// </summary>
public sealed class DistrictSettings
{
    public string District { get; set; } = "";

    /// <summary>JSON array of ISO dates (<c>["2026-01-01", …]</c>).</summary>
    public string HolidaysJson { get; set; } = "[]";

    /// <summary>JSON object: policy name → <c>{ "levels": [ { workingDays, extra, recipients, reofferToQueue } ] }</c>.</summary>
    public string PoliciesJson { get; set; } = "{}";

    public string? DefaultPolicy { get; set; }

    public int RetentionYears { get; set; }

    /// <summary>Every account of the district that can read household data must enrol a TOTP authenticator.</summary>
    public bool RequireTwoFactorForCaseReaders { get; set; }

    /// <summary>Incremented on every change: the ETag, and the optimistic-concurrency token.</summary>
    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedBy { get; set; }
}

internal sealed class DistrictSettingsConfiguration : IEntityTypeConfiguration<DistrictSettings>
{
    public void Configure(EntityTypeBuilder<DistrictSettings> builder)
    {
        builder.ToTable("district_settings");
        builder.HasKey(x => x.District);
        builder.Property(x => x.District).HasMaxLength(100);
        builder.Property(x => x.DefaultPolicy).HasMaxLength(100);
        builder.Property(x => x.Version).IsConcurrencyToken();
    }
}

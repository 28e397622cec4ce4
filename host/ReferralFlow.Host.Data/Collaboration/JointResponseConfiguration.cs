using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Host.Data;

internal sealed class JointResponseConfiguration : IEntityTypeConfiguration<JointResponse>
{
    private static readonly ValueComparer<List<string>> ListComparer = new(
        (a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), l => l.ToList());

    public void Configure(EntityTypeBuilder<JointResponse> builder)
    {
        builder.ToTable("joint_responses");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(j => j.District).HasColumnName("district").HasMaxLength(100);
        builder.Property(j => j.Date).HasColumnName("date");
        builder.Property(j => j.Kind).HasColumnName("kind").HasMaxLength(30).HasConversion<string>();
        builder.Property(j => j.Title).HasColumnName("title").HasMaxLength(300);
        builder.Property(j => j.Hours).HasColumnName("hours").HasPrecision(9, 2);
        builder.Property(j => j.People).HasColumnName("people");
        builder.Property(j => j.AgencyIds).HasColumnName("agency_ids").HasConversion(ToJson, FromJson, ListComparer);
        builder.Property(j => j.RecordedBy).HasColumnName("recorded_by");
        builder.Property(j => j.RecordedAt).HasColumnName("recorded_at");
        builder.HasIndex(j => new { j.District, j.Date }).HasDatabaseName("ix_joint_responses_district_date");
    }

    private static readonly System.Linq.Expressions.Expression<Func<List<string>, string>> ToJson =
        l => JsonSerializer.Serialize(l, (JsonSerializerOptions?)null);

    private static readonly System.Linq.Expressions.Expression<Func<string, List<string>>> FromJson =
        s => JsonSerializer.Deserialize<List<string>>(s, (JsonSerializerOptions?)null) ?? new List<string>();
}

internal sealed class ImportedReferralCountConfiguration : IEntityTypeConfiguration<ImportedReferralCount>
{
    public void Configure(EntityTypeBuilder<ImportedReferralCount> builder)
    {
        builder.ToTable("imported_referral_counts");
        builder.HasKey(c => new { c.District, c.Year });
        builder.Property(c => c.District).HasColumnName("district").HasMaxLength(100);
        builder.Property(c => c.Year).HasColumnName("year").ValueGeneratedNever();
        builder.Property(c => c.Referrals).HasColumnName("referrals");
        builder.Property(c => c.Source).HasColumnName("source").HasMaxLength(300);
        builder.Property(c => c.RecordedAt).HasColumnName("recorded_at");
    }
}

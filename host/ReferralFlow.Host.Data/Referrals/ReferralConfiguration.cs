using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Host.Data;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("referrals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(r => r.Number).HasColumnName("number").HasMaxLength(30);
        builder.Property(r => r.WorkflowKey).HasColumnName("workflow_key").HasMaxLength(200);
        builder.Property(r => r.WorkflowVersion).HasColumnName("workflow_version");
        builder.Property(r => r.InstanceId).HasColumnName("instance_id");
        builder.Property(r => r.Status).HasColumnName("status").HasMaxLength(20).HasConversion<string>();
        builder.Property(r => r.District).HasColumnName("district").HasMaxLength(100);
        builder.Property(r => r.Dong).HasColumnName("dong").HasMaxLength(100);
        builder.Property(r => r.ReferringAgencyId).HasColumnName("referring_agency_id").HasMaxLength(100);
        builder.Property(r => r.ReferringUserId).HasColumnName("referring_user_id");
        builder.Property(r => r.PublicOwnerAgencyId).HasColumnName("public_owner_agency_id").HasMaxLength(100);
        builder.Property(r => r.PublicOwnerUserId).HasColumnName("public_owner_user_id");
        builder.Property(r => r.OpenedAt).HasColumnName("opened_at");
        builder.Property(r => r.ClosedAt).HasColumnName("closed_at");
        builder.Property(r => r.ClosingOutcome).HasColumnName("closing_outcome").HasMaxLength(2000);
        builder.Property(r => r.ClosingOutcomeCode).HasColumnName("closing_outcome_code").HasMaxLength(40);
        builder.Property(r => r.HouseholdKey).HasColumnName("household_key").HasMaxLength(64);
        builder.Property(r => r.HouseholdAddressKey).HasColumnName("household_address_key").HasMaxLength(64);
        builder.Property(r => r.DuplicateReason).HasColumnName("duplicate_reason").HasMaxLength(1000);
        builder.Property(r => r.RetainUntil).HasColumnName("retain_until");
        builder.Property(r => r.Revision).HasColumnName("revision").IsConcurrencyToken();
        builder.OwnsOne(r => r.Household, h =>
        {
            h.Property(x => x.Name).HasColumnName("household_name").HasMaxLength(100);
            h.Property(x => x.BirthDate).HasColumnName("household_birth_date");
            h.Property(x => x.Address).HasColumnName("household_address").HasMaxLength(300);
            h.Property(x => x.Phone).HasColumnName("household_phone").HasMaxLength(50);
            h.Property(x => x.Members).HasColumnName("household_members");
        });
        builder.HasIndex(r => r.Number).IsUnique().HasDatabaseName("ux_referrals_number");
        builder.HasIndex(r => r.InstanceId).IsUnique().HasDatabaseName("ux_referrals_instance");
        builder.HasIndex(r => new { r.District, r.Status }).HasDatabaseName("ix_referrals_district_status");
        builder.HasIndex(r => r.RetainUntil).HasDatabaseName("ix_referrals_retain_until");
        // The duplicate-service check: open referrals of one household in the district.
        builder.HasIndex(r => new { r.District, r.HouseholdKey }).HasDatabaseName("ix_referrals_district_household_key");
        builder.HasMany(r => r.Participants).WithOne().HasForeignKey(p => p.ReferralId).HasConstraintName("fk_referral_participants_referral");
        builder.HasMany(r => r.Consents).WithOne().HasForeignKey(c => c.ReferralId).HasConstraintName("fk_referral_consent_grants_referral");
        builder.HasMany(r => r.Grants).WithOne().HasForeignKey(g => g.ReferralId).HasConstraintName("fk_referral_access_grants_referral");
    }
}

internal sealed class ReferralParticipantConfiguration : IEntityTypeConfiguration<ReferralParticipant>
{
    public void Configure(EntityTypeBuilder<ReferralParticipant> builder)
    {
        builder.ToTable("referral_participants");
        // A role can pass to another agency during the case (the hub moves a step): both keep seeing the referral.
        builder.HasKey(p => new { p.ReferralId, p.RoleKey, p.AgencyId });
        builder.Property(p => p.ReferralId).HasColumnName("referral_id");
        builder.Property(p => p.RoleKey).HasColumnName("role_key").HasMaxLength(100);
        builder.Property(p => p.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        // "Referrals my agency takes part in" is the scoping query of every worker read.
        builder.HasIndex(p => new { p.AgencyId, p.ReferralId }).HasDatabaseName("ix_referral_participants_agency");
    }
}

internal sealed class ReferralConsentConfiguration : IEntityTypeConfiguration<ReferralConsent>
{
    public void Configure(EntityTypeBuilder<ReferralConsent> builder)
    {
        builder.ToTable("referral_consent_grants");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(c => c.ReferralId).HasColumnName("referral_id");
        builder.Property(c => c.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(c => c.Category).HasColumnName("category").HasMaxLength(20);
        builder.Property(c => c.ConsentedBy).HasColumnName("consented_by").HasMaxLength(100);
        builder.Property(c => c.Relationship).HasColumnName("relationship").HasMaxLength(50);
        builder.Property(c => c.ConsentedAt).HasColumnName("consented_at");
        builder.Property(c => c.Method).HasColumnName("method").HasMaxLength(20);
        builder.Property(c => c.UrgentReason).HasColumnName("urgent_reason").HasMaxLength(1000);
        builder.Property(c => c.RecordedBy).HasColumnName("recorded_by");
        builder.Property(c => c.RecordedAt).HasColumnName("recorded_at");
        builder.Property(c => c.TaskId).HasColumnName("task_id");
        builder.Property(c => c.WithdrawnAt).HasColumnName("withdrawn_at");
        builder.Property(c => c.WithdrawnBy).HasColumnName("withdrawn_by");
        builder.Ignore(c => c.IsActive);
        builder.HasIndex(c => new { c.ReferralId, c.AgencyId, c.Category }).HasDatabaseName("ix_referral_consent_grants_referral_agency");
    }
}

internal sealed class ReferralAccessGrantConfiguration : IEntityTypeConfiguration<ReferralAccessGrant>
{
    public void Configure(EntityTypeBuilder<ReferralAccessGrant> builder)
    {
        builder.ToTable("referral_access_grants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(g => g.ReferralId).HasColumnName("referral_id");
        builder.Property(g => g.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(g => g.Reason).HasColumnName("reason").HasMaxLength(1000);
        builder.Property(g => g.GrantedBy).HasColumnName("granted_by");
        builder.Property(g => g.GrantedAt).HasColumnName("granted_at");
        builder.Property(g => g.RevokedAt).HasColumnName("revoked_at");
        builder.HasIndex(g => new { g.AgencyId, g.ReferralId }).HasDatabaseName("ix_referral_access_grants_agency");
    }
}

internal sealed class ReferralNoteConfiguration : IEntityTypeConfiguration<ReferralNote>
{
    public void Configure(EntityTypeBuilder<ReferralNote> builder)
    {
        builder.ToTable("referral_notes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(n => n.ReferralId).HasColumnName("referral_id");
        builder.Property(n => n.AuthorId).HasColumnName("author_id");
        builder.Property(n => n.AuthorName).HasColumnName("author_name").HasMaxLength(100);
        builder.Property(n => n.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(n => n.TaskId).HasColumnName("task_id");
        builder.Property(n => n.Text).HasColumnName("text").HasMaxLength(4000);
        builder.Property(n => n.CreatedAt).HasColumnName("created_at");
        builder.HasOne<Referral>().WithMany().HasForeignKey(n => n.ReferralId).HasConstraintName("fk_referral_notes_referral");
        builder.HasIndex(n => new { n.ReferralId, n.CreatedAt }).HasDatabaseName("ix_referral_notes_referral");
    }
}

internal sealed class ReferralNumberCounterConfiguration : IEntityTypeConfiguration<ReferralNumberCounter>
{
    public void Configure(EntityTypeBuilder<ReferralNumberCounter> builder)
    {
        builder.ToTable("referral_number_counters");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).HasColumnName("year").ValueGeneratedNever();
        builder.Property(c => c.LastNumber).HasColumnName("last_number");
    }
}

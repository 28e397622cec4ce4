using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Host.Data;

/// <summary>
/// The host's tables: Identity users and roles, agencies, role allocations, referrals with consent and notes, and the
/// audit log. The engine's tables live in <c>WorkflowDbContext</c> in the same database; when one request writes both,
/// the two contexts share one connection and transaction.
/// </summary>
public sealed class ReferralFlowDbContext(DbContextOptions<ReferralFlowDbContext> options)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The migrations history table, apart from the engine's.</summary>
    public const string MigrationsHistoryTable = "__host_migrations_history";

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<RoleAllocationDefault> RoleAllocationDefaults => Set<RoleAllocationDefault>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<ReferralParticipant> ReferralParticipants => Set<ReferralParticipant>();

    public DbSet<ReferralConsent> ReferralConsents => Set<ReferralConsent>();

    public DbSet<ReferralAccessGrant> ReferralAccessGrants => Set<ReferralAccessGrant>();

    public DbSet<ReferralNote> ReferralNotes => Set<ReferralNote>();

    /// <summary>Requests to move a referral to another district (전출) and their decisions.</summary>
    public DbSet<ReferralTransfer> ReferralTransfers => Set<ReferralTransfer>();

    public DbSet<ReferralNumberCounter> ReferralNumberCounters => Set<ReferralNumberCounter>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>Joint public-private responses (meetings, training, joint projects, resource linkage) for the collaboration report.</summary>
    public DbSet<JointResponse> JointResponses => Set<JointResponse>();

    /// <summary>Referral counts per year from before the system was used (imported history).</summary>
    public DbSet<ImportedReferralCount> ImportedReferralCounts => Set<ImportedReferralCount>();

    /// <summary>Sign-in sessions (cookie or bearer); every cookie and access token is checked against its row.</summary>
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>Refresh tokens of bearer sessions, hashed.</summary>
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    /// <summary>One-time links to set a password (invitations, resets), hashed.</summary>
    public DbSet<UserInvitation> UserInvitations => Set<UserInvitation>();

    /// <summary>Failed sign-ins per (account, address) and per address, for the back-off.</summary>
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    /// <summary>Each district's holidays, escalation policies, retention and two-factor requirement (none: the configuration's).</summary>
    public DbSet<DistrictSettings> DistrictSettings => Set<DistrictSettings>();

    /// <summary>Bell entries per worker (kept 90 days).</summary>
    public DbSet<UserNotification> UserNotifications => Set<UserNotification>();

    /// <summary>Alerts waiting for the alert mailer (one mail per recipient per minute).</summary>
    public DbSet<PendingAlert> PendingAlerts => Set<PendingAlert>();

    /// <summary>Notification choices of workers, agencies' defaults and shared mailboxes.</summary>
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    /// <summary>The key ring for cookies and bearer tokens, shared by every host process.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Clients may send local offsets (+09:00); PostgreSQL's timestamptz takes UTC only, and UTC is what we store anyway.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<User>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(100);
            u.Property(x => x.AgencyId).HasMaxLength(100);
            u.Property(x => x.Language).HasMaxLength(10);
            u.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId);
            u.HasIndex(x => x.AgencyId);
        });
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.ApplyConfigurationsFromAssembly(typeof(ReferralFlowDbContext).Assembly);
    }
}

/// <summary>Stores instants in UTC whatever offset they arrive with.</summary>
internal sealed class UtcDateTimeOffsetConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(), value => value);

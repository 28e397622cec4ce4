using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Host.Data;

/// <summary>Why a one-time link was issued.</summary>
public enum InvitationPurpose
{
    /// <summary>A new worker sets their first password.</summary>
    Invite,

    /// <summary>An administrator asked for a new password; the worker chooses it.</summary>
    PasswordReset,
}

/// <summary>
/// A one-time link that lets a worker set their password. The random token exists only in the mail: it is made when
/// the mail is sent and stored here as its SHA-256 hash. It works once, until <see cref="ExpiresAt"/>, and not after a
/// newer link, deactivation or a move to another agency revoked it.
/// </summary>
public sealed class UserInvitation
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public InvitationPurpose Purpose { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token; null until the mail is sent.</summary>
    public string? TokenHash { get; set; }

    /// <summary>The administrator who issued it (named in the mail).</summary>
    public Guid? IssuedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class UserInvitationConfiguration : IEntityTypeConfiguration<UserInvitation>
{
    public void Configure(EntityTypeBuilder<UserInvitation> builder)
    {
        builder.ToTable("user_invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(i => i.UserId).HasColumnName("user_id");
        builder.Property(i => i.Purpose).HasColumnName("purpose").HasMaxLength(20).HasConversion<string>();
        builder.Property(i => i.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
        builder.Property(i => i.IssuedBy).HasColumnName("issued_by");
        builder.Property(i => i.CreatedAt).HasColumnName("created_at");
        builder.Property(i => i.ExpiresAt).HasColumnName("expires_at");
        builder.Property(i => i.UsedAt).HasColumnName("used_at");
        builder.Property(i => i.RevokedAt).HasColumnName("revoked_at");
        builder.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.TokenHash).IsUnique().HasDatabaseName("ux_user_invitations_token_hash");
        builder.HasIndex(i => i.UserId).HasDatabaseName("ix_user_invitations_user");
    }
}

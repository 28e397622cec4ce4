using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Administration.Invitations;

/// <summary>Issues and revokes one-time links (invitation, password reset); a new link revokes the worker's older ones.</summary>
public sealed class InvitationLinks(ReferralFlowDbContext db, AdminMessages messages, CurrentUser user, TimeProvider time, IOptions<AdministrationOptions> options)
{
    /// <summary>Adds the link and its mail to the pending changes (saved with the caller's unit of work).</summary>
    public async Task<UserInvitation> IssueAsync(Guid userId, InvitationPurpose purpose, CancellationToken cancellationToken)
    {
        await RevokeAsync(userId, cancellationToken);
        var now = time.GetUtcNow();
        var invitation = new UserInvitation
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Purpose = purpose,
            IssuedBy = user.IsAuthenticated ? user.Id : null,
            CreatedAt = now,
            ExpiresAt = now + options.Value.InvitationLifetime,
        };
        db.UserInvitations.Add(invitation);
        messages.Invitation(invitation);
        return invitation;
    }

    /// <summary>Every open link of the worker stops working (deactivation, a move, a newer link).</summary>
    public Task<int> RevokeAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.UserInvitations.Where(i => i.UserId == userId && i.UsedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), cancellationToken);
    }

    /// <summary>A new random token (256 bits, URL-safe).</summary>
    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256, as stored.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

/// <summary><c>Administration:*</c>.</summary>
public sealed class AdministrationOptions
{
    /// <summary>How long an invitation or password-reset link works.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromHours(72);
}

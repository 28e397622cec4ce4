using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Notifications;
using ReferralFlow.Notifications.MailKit;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Administration.Invitations;

/// <summary>
/// Makes a one-time link when its mail is sent: a fresh random token whose hash replaces the stored one, so the token
/// exists only in the mail. A link revoked, used or expired meanwhile is not sent (the message fails for good). The mail
/// carries only the link, the agency's name and the inviter's name.
/// </summary>
internal sealed class InvitationMailData(ReferralFlowDbContext db, IOptions<MailOptions> mail, TimeProvider time) : IMessageDataSource
{
    public bool Handles(string? template) => template is AdminMessages.InvitationTemplate or AdminMessages.PasswordResetTemplate;

    public async Task<string> DataAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var id = message.DataJson is { } json && JsonDocument.Parse(json).RootElement.TryGetProperty("invitationId", out var value) && value.TryGetGuid(out var parsed)
            ? parsed
            : throw new MailDeliveryException("The message names no invitation.", permanent: true);
        var invitation = await db.UserInvitations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invitation is null || invitation.UsedAt is not null || invitation.RevokedAt is not null || invitation.ExpiresAt <= time.GetUtcNow())
        {
            throw new MailDeliveryException("The link was used, revoked or has expired before its mail went out.", permanent: true);
        }

        var token = InvitationLinks.NewToken();
        invitation.TokenHash = InvitationLinks.Hash(token);
        await db.SaveChangesAsync(cancellationToken);
        var agency = await (from u in db.Users join a in db.Agencies on u.AgencyId equals a.Id where u.Id == invitation.UserId select a.Name).SingleOrDefaultAsync(cancellationToken);
        var inviter = invitation.IssuedBy is { } by ? await db.Users.Where(u => u.Id == by).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) : null;
        return JsonSerializer.Serialize(new
        {
            link = $"{mail.Value.PublicBaseUrl.TrimEnd('/')}/invitation/{token}",
            agencyName = agency ?? "",
            inviterName = inviter ?? "ReferralFlow",
            expiresAt = invitation.ExpiresAt,
        });
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Invitations;

/// <summary>
/// <c>GET /api/invitations/{token}</c> (no sign-in; the token is the credential): whom a one-time link is for, so the
/// page can greet the worker. Unknown: 404 <c>invitation-not-found</c>; used or replaced: 410 <c>invitation-used</c>;
/// past its time: 410 <c>invitation-expired</c>.
/// </summary>
public sealed class GetInvitation(ReferralFlowDbContext db, TimeProvider time)
{
    public sealed record Response(string Email, string DisplayName, string AgencyName, InvitationPurpose Purpose, DateTimeOffset ExpiresAt);

    public async Task<Response> HandleAsync(string token, CancellationToken cancellationToken)
    {
        var invitation = await FindOpenAsync(db, token, time.GetUtcNow(), cancellationToken);
        var row = await (from u in db.Users.AsNoTracking()
                         join a in db.Agencies on u.AgencyId equals a.Id
                         where u.Id == invitation.UserId
                         select new { u.Email, u.DisplayName, AgencyName = a.Name }).SingleAsync(cancellationToken);
        return new Response(row.Email ?? "", row.DisplayName, row.AgencyName, invitation.Purpose, invitation.ExpiresAt);
    }

    /// <summary>The open link of a token (tracked), or the coded problem why it does not work.</summary>
    internal static async Task<UserInvitation> FindOpenAsync(ReferralFlowDbContext db, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = token.Length is > 0 and <= 100 ? InvitationLinks.Hash(token) : "";
        var invitation = hash.Length == 0 ? null : await db.UserInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null)
        {
            throw ApiException.NotFound(ProblemCode.InvitationNotFound);
        }

        if (invitation.UsedAt is not null || invitation.RevokedAt is not null)
        {
            throw new ApiException(StatusCodes.Status410Gone, ProblemCode.InvitationUsed, ProblemCode.InvitationUsed);
        }

        return invitation.ExpiresAt > now
            ? invitation
            : throw new ApiException(StatusCodes.Status410Gone, ProblemCode.InvitationExpired, ProblemCode.InvitationExpired);
    }
}

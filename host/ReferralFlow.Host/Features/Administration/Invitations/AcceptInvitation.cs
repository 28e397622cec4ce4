using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Auth;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Invitations;

/// <summary>
/// <c>POST /api/invitations/{token}</c> with <c>password</c>: the worker sets their password (Identity's rules) through
/// a one-time link, once. The link is used up in the same transaction, so two tabs racing get one success and one
/// 410; every earlier session of the worker ends (a reset's point). Then the worker signs in as usual.
/// </summary>
public sealed class AcceptInvitation(ReferralFlowDbContext db, UserManager<User> users, SessionRevocation revocation, AdminAudit audit, TimeProvider time)
{
    public sealed record Request([Required] string? Password);

    public sealed record Response(string Email);

    public async Task<Response> HandleAsync(string token, Request request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var invitation = await GetInvitation.FindOpenAsync(db, token, now, cancellationToken);
        if (string.IsNullOrEmpty(request.Password))
        {
            throw ApiException.Invalid("password", ProblemCode.FieldRequired, ProblemLabel.Password);
        }

        var user = await users.FindByIdAsync(invitation.UserId.ToString());
        if (user is null || !user.IsActive)
        {
            throw new ApiException(StatusCodes.Status410Gone, ProblemCode.InvitationUsed, ProblemCode.InvitationUsed);
        }

        // Checked before the link is used up, so a password the rules refuse leaves the link working.
        var refused = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            refused.AddRange((await validator.ValidateAsync(users, user, request.Password)).Errors);
        }

        if (refused.Count > 0)
        {
            throw ApiException.Invalid(new Dictionary<string, ProblemMessage[]>(StringComparer.Ordinal)
            {
                ["password"] = [.. refused.Select(e => PasswordProblems.Describe(e, users.Options.Password)).Distinct()],
            });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.UserInvitations.Where(i => i.Id == invitation.Id && i.UsedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            throw new ApiException(StatusCodes.Status410Gone, ProblemCode.InvitationUsed, ProblemCode.InvitationUsed);
        }

        if (await users.HasPasswordAsync(user))
        {
            Succeeded(await users.RemovePasswordAsync(user));
        }

        Succeeded(await users.AddPasswordAsync(user, request.Password));
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await revocation.RevokeAllAsync(user.Id, SessionRevocation.PasswordChanged, cancellationToken);
        var district = await db.Agencies.Where(a => a.Id == user.AgencyId).Select(a => a.District).SingleAsync(cancellationToken);
        audit.Change("purpose", null, invitation.Purpose.ToString()).Record(AdminActions.InvitationAccepted, $"user:{user.Id}", district);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Response(user.Email ?? "");
    }

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

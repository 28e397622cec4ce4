using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Agencies;
using ReferralFlow.Host.Features.Administration.Invitations;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary>
/// <c>POST /api/admin/workers</c>: invites a worker by email to an active agency the caller administers, with roles.
/// The account has no password: the invitation mail (an outbox message) carries a one-time link to
/// <c>/invitation/{token}</c> where the worker chooses one. Account, link, mail and audit entry commit together.
/// </summary>
public sealed class InviteWorker(
    AdminScope scope, AdminAudit audit, UserManager<User> users, InvitationLinks links, WorkerViews views, UnitOfWork unitOfWork,
    ReferralFlowDbContext db, TimeProvider time)
{
    public sealed record Request(
        [Required] string? Email, [Required] string? DisplayName, [Required] string? AgencyId, [Required] IReadOnlyList<string>? Roles, string? Language);

    public async Task<WorkerView> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        scope.EnsureAdministrator();
        var errors = new ProblemErrors();
        var email = request.Email?.Trim() ?? "";
        if (email.Length == 0)
        {
            errors.Add("email", ProblemCode.FieldRequired, ProblemLabel.Email);
        }
        else if (!AgencyFields.IsEmail(email) || !email.All(c => users.Options.User.AllowedUserNameCharacters.Contains(c, StringComparison.Ordinal)))
        {
            errors.Add("email", ProblemCode.EmailInvalid);
        }

        errors.Text("displayName", request.DisplayName, 100, ProblemCode.FieldRequired.With(ProblemLabel.Name));
        if (string.IsNullOrWhiteSpace(request.AgencyId))
        {
            errors.Add("agencyId", ProblemCode.FieldRequired, ProblemLabel.Agency);
        }

        if (request.Language is not (null or "ko" or "en"))
        {
            errors.Add("language", ProblemCode.ValueNotAllowed, "ko, en");
        }

        var roles = WorkerRoles.Check(errors, request.Roles, scope);
        var agency = await scope.GetAgencyAsync(request.AgencyId!.Trim(), cancellationToken);
        if (!agency.IsActive)
        {
            throw ApiException.Invalid("agencyId", ProblemCode.AgencyInactive, agency.Id);
        }

        var normalized = users.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            throw ApiException.Conflict(ProblemCode.EmailTaken.With(email));
        }

        var now = time.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            UserName = email,
            Email = email,
            DisplayName = request.DisplayName!.Trim(),
            AgencyId = agency.Id,
            Language = request.Language ?? "ko",
            CreatedAt = now,
        };
        await unitOfWork.ExecuteAsync(async ct =>
        {
            Require(await users.CreateAsync(user));
            Require(await users.AddToRolesAsync(user, roles));
            await links.IssueAsync(user.Id, InvitationPurpose.Invite, ct);
            audit.Change("email", null, email).Change("displayName", null, user.DisplayName).Change("agencyId", null, agency.Id).Change("roles", null, roles)
                .Record(AdminActions.WorkerInvited, $"user:{user.Id}", agency.District);
        }, cancellationToken);
        return await views.BuildAsync(user, cancellationToken);
    }

    internal static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

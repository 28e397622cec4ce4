using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary>
/// <c>PUT /api/admin/workers/{userId}</c>: a worker's display name, language and roles. A role change ends the
/// worker's sessions (their next sign-in carries the new roles); a district administrator cannot grant system-admin (403).
/// </summary>
public sealed class UpdateWorker(AdminScope scope, AdminAudit audit, UserManager<User> users, UnitOfWork unitOfWork, WorkerViews views)
{
    public sealed record Request([Required] string? DisplayName, [Required] IReadOnlyList<string>? Roles, string? Language);

    public async Task<WorkerView> HandleAsync(Guid userId, Request request, CancellationToken cancellationToken)
    {
        var worker = await scope.GetWorkerAsync(userId, cancellationToken);
        var errors = new ProblemErrors();
        errors.Text("displayName", request.DisplayName, 100, ProblemCode.FieldRequired.With(ProblemLabel.Name));
        if (request.Language is not (null or "ko" or "en"))
        {
            errors.Add("language", ProblemCode.ValueNotAllowed, "ko, en");
        }

        var roles = WorkerRoles.Check(errors, request.Roles, scope);
        var current = (await users.GetRolesAsync(worker)).Order(StringComparer.Ordinal).ToList();
        if (worker.Id == scope.User.Id && !roles.SequenceEqual(current))
        {
            // An administrator who drops their own administrative role would lock themselves out mid-request.
            throw ApiException.Conflict(ProblemCode.AdminSelf);
        }

        var name = request.DisplayName!.Trim();
        var language = request.Language ?? worker.Language;
        audit.Change("displayName", worker.DisplayName, name).Change("language", worker.Language, language).Change("roles", current, roles);
        if (!audit.HasChanges)
        {
            return await views.BuildAsync(worker, cancellationToken);
        }

        await unitOfWork.ExecuteAsync(async _ =>
        {
            worker.DisplayName = name;
            worker.Language = language;
            InviteWorker.Require(await users.UpdateAsync(worker));
            var removed = current.Except(roles, StringComparer.Ordinal).ToList();
            var added = roles.Except(current, StringComparer.Ordinal).ToList();
            if (removed.Count > 0)
            {
                InviteWorker.Require(await users.RemoveFromRolesAsync(worker, removed));
            }

            if (added.Count > 0)
            {
                InviteWorker.Require(await users.AddToRolesAsync(worker, added));
            }

            audit.Record(AdminActions.WorkerUpdated, $"user:{worker.Id}", await scope.DistrictOfAsync(worker, cancellationToken));
        }, cancellationToken);
        return await views.BuildAsync(worker, cancellationToken);
    }
}

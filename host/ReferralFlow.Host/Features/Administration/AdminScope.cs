using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration;

/// <summary>
/// Who may administer what. A system administrator manages every district; a district administrator (구 관리자) only
/// their own: another district's agencies and workers answer 404 (their existence is not revealed), platform-level
/// things — the system-admin role, a system administrator's account, another district's name — 403. Everyone else 403.
/// </summary>
public sealed class AdminScope(ReferralFlowDbContext db, CurrentUser user)
{
    public CurrentUser User => user;

    public bool IsSystemAdmin => user.IsSystemAdmin;

    /// <summary>The district a district administrator manages; null for a system administrator (every district).</summary>
    public string? District => user.IsSystemAdmin ? null : user.District;

    /// <summary>403 unless the caller administers at least one district.</summary>
    public void EnsureAdministrator()
    {
        if (!user.IsSystemAdmin && !(user.IsInRole(Roles.DistrictAdmin) && user.District.Length > 0))
        {
            throw ApiException.Forbidden(ProblemCode.AdminForbidden);
        }
    }

    /// <summary>The district an agency is created in: the caller's own for a district administrator (403 for another).</summary>
    public string DistrictFor(string? requested)
    {
        EnsureAdministrator();
        var wanted = requested?.Trim();
        if (user.IsSystemAdmin)
        {
            return string.IsNullOrEmpty(wanted) ? throw ApiException.Invalid("district", ProblemCode.FieldRequired, ProblemLabel.District) : wanted;
        }

        return string.IsNullOrEmpty(wanted) || wanted == user.District ? user.District : throw ApiException.Forbidden(ProblemCode.AdminOtherDistrict.With(user.District));
    }

    /// <summary>The agencies the caller administers.</summary>
    public IQueryable<Agency> Agencies()
    {
        EnsureAdministrator();
        var district = District;
        return district is null ? db.Agencies : db.Agencies.Where(a => a.District == district);
    }

    /// <summary>The workers (users) of the agencies the caller administers.</summary>
    public IQueryable<User> Workers()
    {
        EnsureAdministrator();
        var district = District;
        return district is null ? db.Users : db.Users.Where(u => db.Agencies.Any(a => a.Id == u.AgencyId && a.District == district));
    }

    /// <summary>An agency the caller administers (tracked), or 404.</summary>
    public async Task<Agency> GetAgencyAsync(string id, CancellationToken cancellationToken, string field = "")
    {
        var agency = await Agencies().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return agency ?? throw (field.Length == 0 ? ApiException.NotFound(ProblemCode.AgencyNotFound.With(id)) : ApiException.Invalid(field, ProblemCode.AgencyNotFound, id));
    }

    /// <summary>A worker the caller administers (tracked), or 404; a system administrator's account only for system administrators (403).</summary>
    public async Task<User> GetWorkerAsync(Guid id, CancellationToken cancellationToken)
    {
        var worker = await Workers().SingleOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw ApiException.NotFound(ProblemCode.WorkerNotFound);
        if (!user.IsSystemAdmin && await IsSystemAdminAsync(worker.Id, cancellationToken))
        {
            throw ApiException.Forbidden(ProblemCode.PlatformAccount);
        }

        return worker;
    }

    /// <summary>The district of a worker's agency (the audit entry of a change to them belongs to it).</summary>
    public Task<string> DistrictOfAsync(User worker, CancellationToken cancellationToken) =>
        db.Agencies.Where(a => a.Id == worker.AgencyId).Select(a => a.District).SingleAsync(cancellationToken);

    /// <summary>403 when a district administrator would grant the system-admin role.</summary>
    public void EnsureMayGrant(IEnumerable<string> roles)
    {
        if (!user.IsSystemAdmin && roles.Contains(Roles.SystemAdmin, StringComparer.Ordinal))
        {
            throw ApiException.Forbidden(ProblemCode.RoleGrantForbidden.With(Roles.SystemAdmin));
        }
    }

    /// <summary>409 when administrators would deactivate, lock or move themselves.</summary>
    public void EnsureNotSelf(Guid workerId)
    {
        if (workerId == user.Id)
        {
            throw ApiException.Conflict(ProblemCode.AdminSelf);
        }
    }

    private Task<bool> IsSystemAdminAsync(Guid userId, CancellationToken cancellationToken) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId && r.Name == Roles.SystemAdmin select ur)
            .AnyAsync(cancellationToken);
}

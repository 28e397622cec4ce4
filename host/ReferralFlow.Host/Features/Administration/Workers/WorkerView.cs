using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary>
/// A worker as administrators see it: agency, roles, and the account's state — active, locked, and whether a password
/// has been set yet (an invited worker has none until they follow their link). Never a password or token.
/// </summary>
public sealed record WorkerView(
    Guid Id, string Email, string DisplayName, string AgencyId, string AgencyName, string District, IReadOnlyList<string> Roles,
    bool IsActive, bool IsLocked, bool HasPassword, string Language, DateTimeOffset CreatedAt, bool TwoFactorEnabled = false);

/// <summary>Builds <see cref="WorkerView"/>s with their roles and agencies in three queries per page.</summary>
public sealed class WorkerViews(ReferralFlowDbContext db, TimeProvider time)
{
    public async Task<WorkerView> BuildAsync(User user, CancellationToken cancellationToken) => (await BuildAsync([user], cancellationToken))[0];

    public async Task<IReadOnlyList<WorkerView>> BuildAsync(IReadOnlyList<User> users, CancellationToken cancellationToken)
    {
        var ids = users.Select(u => u.Id).ToList();
        var agencyIds = users.Select(u => u.AgencyId).Distinct().ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var now = time.GetUtcNow();
        return [.. users.Select(u => new WorkerView(
            u.Id,
            u.Email ?? "",
            u.DisplayName,
            u.AgencyId,
            agencies.GetValueOrDefault(u.AgencyId)?.Name ?? "",
            agencies.GetValueOrDefault(u.AgencyId)?.District ?? "",
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal)],
            u.IsActive,
            u.LockoutEnabled && u.LockoutEnd > now,
            u.PasswordHash is not null,
            u.Language,
            u.CreatedAt,
            u.TwoFactorEnabled))];
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary>
/// <c>GET /api/admin/workers</c>: the workers of the agencies the caller administers (deactivated ones included), by
/// name and sign-in; optionally of one agency and only active or inactive ones; <see cref="Paging">paged</see>.
/// </summary>
public sealed class ListWorkers(AdminScope scope, WorkerViews views)
{
    public sealed record Query(string? AgencyId, bool? Active, int? Limit, string? Cursor);

    public async Task<Page<WorkerView>> HandleAsync(Query query, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(query.Limit);
        var after = Paging.Read(query.Cursor, 2);
        var workers = scope.Workers().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.AgencyId))
        {
            var agency = query.AgencyId.Trim();
            workers = workers.Where(u => u.AgencyId == agency);
        }

        if (query.Active is { } active)
        {
            workers = workers.Where(u => u.IsActive == active);
        }

        var total = await workers.CountAsync(cancellationToken);
        if (after is not null)
        {
            var (name, login) = (after.Text(0), after.Text(1));
            workers = workers.Where(u => string.Compare(u.DisplayName, name) > 0 || (u.DisplayName == name && string.Compare(u.UserName, login) > 0));
        }

        var rows = await workers.OrderBy(u => u.DisplayName).ThenBy(u => u.UserName).Take(size + 1).ToListAsync(cancellationToken);
        return Paging.Of(await views.BuildAsync(rows, cancellationToken), size, w => Paging.Cursor(w.DisplayName, w.Email), total);
    }
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Agencies;

/// <summary>
/// <c>GET /api/admin/agencies</c>: the agencies the caller administers, deactivated ones included, by district, name and
/// id; optionally of one district (system administrators; a district administrator naming another: 403) and only active or inactive ones; <see cref="Paging">paged</see>.
/// </summary>
public sealed class ListAdminAgencies(AdminScope scope)
{
    public sealed record Query(string? District, bool? Active, int? Limit, string? Cursor);

    public async Task<Page<AdminAgencyView>> HandleAsync(Query query, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(query.Limit);
        var after = Paging.Read(query.Cursor, 3);
        var agencies = scope.Agencies().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.District))
        {
            var district = query.District.Trim();
            if (scope.District is { } own && own != district)
            {
                throw ApiException.Forbidden(ProblemCode.AdminOtherDistrict.With(own));
            }

            agencies = agencies.Where(a => a.District == district);
        }

        if (query.Active is { } active)
        {
            agencies = agencies.Where(a => a.IsActive == active);
        }

        var total = await agencies.CountAsync(cancellationToken);
        if (after is not null)
        {
            var (district, name, id) = (after.Text(0), after.Text(1), after.Text(2));
            agencies = agencies.Where(a => string.Compare(a.District, district) > 0
                || (a.District == district && (string.Compare(a.Name, name) > 0 || (a.Name == name && string.Compare(a.Id, id) > 0))));
        }

        var rows = await agencies.OrderBy(a => a.District).ThenBy(a => a.Name).ThenBy(a => a.Id).Take(size + 1).ToListAsync(cancellationToken);
        return Paging.Of([.. rows.Select(AdminAgencyView.From)], size, a => Paging.Cursor(a.District, a.Name, a.Id), total);
    }
}

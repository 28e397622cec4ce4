using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Agencies;

/// <summary>
/// <c>GET /api/agencies?district=&amp;kind=</c>: the agencies of the caller's district (another district: 403
/// <c>other-district</c>; system administrators: every district, or the one named), optionally of one
/// kind (e.g. <c>dongCentre</c>, <c>welfareCentre</c>), ordered by district, name and id, <see cref="Paging">paged</see>.
/// </summary>
public sealed class ListAgencies(ReferralFlowDbContext db, CurrentUser user)
{
    private static readonly IComparer<(string, string, string)> KeyOrder = Comparer<(string, string, string)>.Create((x, y) =>
        string.CompareOrdinal(x.Item1, y.Item1) is not 0 and var district ? district
            : string.CompareOrdinal(x.Item2, y.Item2) is not 0 and var name ? name
            : string.CompareOrdinal(x.Item3, y.Item3));

    public async Task<Page<AgencyView>> HandleAsync(string? district, string? kind, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var after = Paging.Read(cursor, 3);
        var query = db.Agencies.AsNoTracking();
        var wanted = string.IsNullOrWhiteSpace(district) ? null : district.Trim();
        if (!user.IsSystemAdmin)
        {
            wanted = wanted is null || wanted == user.District ? user.District : throw ApiException.Forbidden(ProblemCode.OtherDistrict.With(user.District));
        }

        if (wanted is not null)
        {
            query = query.Where(a => a.District == wanted);
        }

        if (!string.IsNullOrWhiteSpace(kind))
        {
            var parsed = Enum.TryParse<AgencyKind>(kind.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
                ? value
                : throw ApiException.Invalid("kind", ProblemCode.ValueNotAllowed, string.Join(", ", Enum.GetNames<AgencyKind>().Select(AgencyView.CamelCase)));
            query = query.Where(a => a.Kind == parsed);
        }

        var agencies = await query.ToListAsync(cancellationToken);
        List<AgencyView> ordered = [.. agencies.Select(AgencyView.From).OrderBy(Key, KeyOrder)];
        return Paging.Slice(ordered, size, after is null ? null : a => KeyOrder.Compare(Key(a), (after.Text(0), after.Text(1), after.Text(2))) > 0,
            a => Paging.Cursor(a.District, a.Name, a.Id));
    }

    private static (string, string, string) Key(AgencyView agency) => (agency.District, agency.Name, agency.Id);
}

using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Agencies;

/// <summary>
/// <c>GET /api/agencies?district=&amp;kind=</c>: the agencies taking part in referrals, optionally of one district and
/// kind (e.g. <c>dongCentre</c>, <c>welfareCentre</c>), ordered by district and name.
/// </summary>
internal static class ListAgencies
{
    public static async Task<IReadOnlyList<AgencyView>> HandleAsync(string? district, string? kind, ReferralFlowDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Agencies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(district))
        {
            var name = district.Trim();
            query = query.Where(a => a.District == name);
        }

        if (!string.IsNullOrWhiteSpace(kind))
        {
            var parsed = Enum.TryParse<AgencyKind>(kind.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
                ? value
                : throw ApiException.Invalid("kind", ProblemCode.ValueNotAllowed, string.Join(", ", Enum.GetNames<AgencyKind>().Select(AgencyView.CamelCase)));
            query = query.Where(a => a.Kind == parsed);
        }

        var agencies = await query.ToListAsync(cancellationToken);
        return [.. agencies.OrderBy(a => a.District, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal).Select(AgencyView.From)];
    }
}

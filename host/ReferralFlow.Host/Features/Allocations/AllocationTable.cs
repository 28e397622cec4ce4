using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Allocations;

/// <summary>Reading a district's default table: rows, agency names, and the content version used for If-Match.</summary>
public static class AllocationTable
{
    public sealed record Row(string? Dong, string RoleKey, string AgencyId, string AgencyName);

    public sealed record Response(string District, string Version, IReadOnlyList<Row> Allocations);

    /// <summary>The district asked for, else the caller's; another district's table only for system administrators (403 <c>other-district</c>).</summary>
    public static string DistrictOrCaller(string? district, CurrentUser user)
    {
        var wanted = !string.IsNullOrWhiteSpace(district) ? district.Trim()
            : !string.IsNullOrEmpty(user.District) ? user.District
            : throw ApiException.Invalid("district", ProblemCode.FieldRequired, ProblemLabel.District);
        return user.IsSystemAdmin || wanted == user.District ? wanted : throw ApiException.Forbidden(ProblemCode.OtherDistrict.With(user.District));
    }

    public static async Task<Response> LoadAsync(ReferralFlowDbContext db, string district, CancellationToken cancellationToken)
    {
        var rows = await (
            from a in db.RoleAllocationDefaults.AsNoTracking()
            join g in db.Agencies.AsNoTracking() on a.AgencyId equals g.Id
            where a.District == district
            select new { a.Dong, a.RoleKey, a.AgencyId, g.Name }).ToListAsync(cancellationToken);
        var sorted = rows.OrderBy(r => r.Dong, StringComparer.Ordinal).ThenBy(r => r.RoleKey, StringComparer.Ordinal)
            .Select(r => new Row(r.Dong.Length == 0 ? null : r.Dong, r.RoleKey, r.AgencyId, r.Name)).ToList();
        return new Response(district, VersionOf(sorted.Select(r => (r.Dong ?? "", r.RoleKey, r.AgencyId))), sorted);
    }

    /// <summary>A quoted ETag over the rows' content: the table has no revision column, and its content is what matters.</summary>
    public static string VersionOf(IEnumerable<(string Dong, string RoleKey, string AgencyId)> rows)
    {
        var text = string.Join('\n', rows.Select(r => $"{r.Dong}\t{r.RoleKey}\t{r.AgencyId}").Order(StringComparer.Ordinal));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return $"\"{Convert.ToHexStringLower(hash)[..16]}\"";
    }

    public static async Task<Dictionary<string, string>> AgencyNamesAsync(ReferralFlowDbContext db, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Agencies.AsNoTracking().Where(a => wanted.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
    }
}

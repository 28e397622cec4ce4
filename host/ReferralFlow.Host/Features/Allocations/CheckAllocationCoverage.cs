using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Allocations;

/// <summary>
/// <c>GET /api/role-allocations/coverage?district=</c>: whether every role a published workflow of the district uses
/// has an agency in every dong of the district (a dong's own row, else the district-wide row). Each gap names the role,
/// the dong and the workflows that need it. The editor page checks a proposed table the same way before saving it.
/// </summary>
public sealed class CheckAllocationCoverage(CurrentUser user, ReferralFlowDbContext db, WorkflowReadModel workflows)
{
    public sealed record WorkflowRoles(string Key, string Name, IReadOnlyList<RoleName> Roles);

    public sealed record RoleName(string Key, string Name);

    public sealed record Gap(string RoleKey, string Dong, IReadOnlyList<string> Workflows);

    public sealed record Response(string District, IReadOnlyList<string> Dongs, IReadOnlyList<WorkflowRoles> Workflows, IReadOnlyList<Gap> Gaps);

    public async Task<Response> HandleAsync(string? district, CancellationToken cancellationToken)
    {
        var where = AllocationTable.DistrictOrCaller(district, user);
        var rows = await db.RoleAllocationDefaults.AsNoTracking().Where(a => a.District == where)
            .Select(a => new { a.Dong, a.RoleKey, a.AgencyId }).ToListAsync(cancellationToken);
        return await CheckAsync(where, [.. rows.Select(r => (r.Dong, r.RoleKey, r.AgencyId))], cancellationToken);
    }

    /// <summary>The coverage of a proposed table (<c>Dong</c> empty for a district-wide row).</summary>
    public async Task<Response> CheckAsync(string district, IReadOnlyList<(string Dong, string RoleKey, string AgencyId)> rows, CancellationToken cancellationToken)
    {
        var dongs = await DongsAsync(district, cancellationToken);
        var published = await PublishedAsync(district, cancellationToken);
        var covered = rows.Select(r => (r.Dong, r.RoleKey)).ToHashSet();
        var gaps = published.SelectMany(w => w.Roles.Select(r => (Role: r.Key, Workflow: w.Name)))
            .GroupBy(x => x.Role, StringComparer.Ordinal)
            .SelectMany(role => dongs
                .Where(dong => !covered.Contains((dong, role.Key)) && !covered.Contains(("", role.Key)))
                .Select(dong => new Gap(role.Key, dong, [.. role.Select(x => x.Workflow).Distinct().Order(StringComparer.Ordinal)])))
            .OrderBy(g => g.RoleKey, StringComparer.Ordinal).ThenBy(g => g.Dong, StringComparer.Ordinal)
            .ToList();
        return new Response(district, dongs, published, gaps);
    }

    /// <summary>The dongs of the district's active dong centres, in order.</summary>
    public async Task<IReadOnlyList<string>> DongsAsync(string district, CancellationToken cancellationToken)
    {
        var dongs = await db.Agencies.AsNoTracking().Where(a => a.District == district && a.Dong != null && a.IsActive)
            .Select(a => a.Dong!).Distinct().ToListAsync(cancellationToken);
        return [.. dongs.Order(StringComparer.Ordinal)];
    }

    /// <summary>The district's published workflows (latest version) with the roles their lanes name.</summary>
    public async Task<IReadOnlyList<WorkflowRoles>> PublishedAsync(string district, CancellationToken cancellationToken)
    {
        var latest = await (from d in workflows.Definitions
                            join v in workflows.Versions on d.Id equals v.DefinitionId
                            where d.District == district && d.LatestVersion > 0 && v.Version == d.LatestVersion
                            select new { d.Key, d.Name, VersionId = v.Id }).ToListAsync(cancellationToken);
        var result = new List<WorkflowRoles>();
        foreach (var workflow in latest.OrderBy(w => w.Name, StringComparer.Ordinal))
        {
            var definition = await workflows.GetDefinitionAsync(workflow.VersionId, cancellationToken);
            result.Add(new WorkflowRoles(workflow.Key, workflow.Name, [.. definition.Roles.Select(r => new RoleName(r.Key, r.Name ?? r.Key))]));
        }

        return result;
    }
}

using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Allocations;

/// <summary>
/// <c>GET /api/role-allocations/preview?workflowKey=&amp;dong=</c>: which agency each role of a published workflow would
/// get for a referral from a dong under the current table (a role without one: no agency). Without a workflow or a
/// dong, the district's first of each.
/// </summary>
public sealed class PreviewAllocation(CurrentUser user, RoleAllocationResolver resolver, CheckAllocationCoverage coverage, Data.ReferralFlowDbContext db)
{
    public sealed record Item(string RoleKey, string RoleName, string? AgencyId, string? AgencyName);

    public sealed record Response(string District, string WorkflowKey, string WorkflowName, string Dong, IReadOnlyList<Item> Roles);

    public async Task<Response> HandleAsync(string? district, string? workflowKey, string? dong, CancellationToken cancellationToken)
    {
        var where = AllocationTable.DistrictOrCaller(district, user);
        var errors = new ProblemErrors();
        errors.Text("workflowKey", workflowKey, 200);
        errors.Text("dong", dong, 100);
        errors.ThrowIfAny();
        var published = await coverage.PublishedAsync(where, cancellationToken);
        var key = string.IsNullOrWhiteSpace(workflowKey) ? published.FirstOrDefault()?.Key ?? "" : workflowKey.Trim();
        var workflow = published.FirstOrDefault(w => w.Key == key)
            ?? throw ApiException.Invalid("workflowKey", ProblemCode.WorkflowNotPublished, key);
        var from = string.IsNullOrWhiteSpace(dong) ? (await coverage.DongsAsync(where, cancellationToken)).FirstOrDefault() ?? "" : dong.Trim();
        var effective = (await resolver.EffectiveAsync(where, from, cancellationToken)).ToDictionary(a => a.RoleKey, a => a.AgencyId, StringComparer.Ordinal);
        var names = await AllocationTable.AgencyNamesAsync(db, effective.Values, cancellationToken);
        return new Response(where, workflow.Key, workflow.Name, from, [.. workflow.Roles.Select(r => effective.TryGetValue(r.Key, out var agency)
            ? new Item(r.Key, r.Name, agency, names.GetValueOrDefault(agency, agency))
            : new Item(r.Key, r.Name, null, null))]);
    }
}
